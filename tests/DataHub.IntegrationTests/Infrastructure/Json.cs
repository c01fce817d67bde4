using System.Net.Http.Headers;
using System.Text.Json;

namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Small helpers for requests and answers; they assert nothing on their own.</summary>
public static class Http
{
    /// <summary>A JSON request body (application/json).</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static StringContent GeoJson(string json, string? crs = null)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        if (crs is not null) content.Headers.Add("Content-Crs", crs);
        return content;
    }

    public static StringContent GeoJson(JsonNode node, string? crs = null) => GeoJson(node.ToJsonString(), crs);

    public static StringContent Csv(string csv, string? crs = null)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (crs is not null) content.Headers.Add("Content-Crs", crs);
        return content;
    }

    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts a problem+json answer with the status and returns its body.</summary>
    public static async Task<JsonNode> Problem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]?.GetValue<string>()));
        return body;
    }

    public static IEnumerable<JsonNode> Errors(this JsonNode problem) => problem["errors"]?.AsArray().Select(e => e!) ?? [];

    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    public static string Pretty(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
