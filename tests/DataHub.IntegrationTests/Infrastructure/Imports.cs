namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>What a development import answered: its report (asserting the status) and its counts.</summary>
public static class Imports
{
    public static async Task<JsonNode> Imported(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Created)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static (int Created, int Updated, int Unchanged) Counts(JsonNode report) =>
        (report["created"]!.GetValue<int>(), report["updated"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>());
}
