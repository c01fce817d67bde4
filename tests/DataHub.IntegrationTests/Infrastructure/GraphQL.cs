namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>GraphQL over HTTP as a client sends it (POST, JSON): the whole answer, or its data when there must be no errors.</summary>
public static class GraphQL
{
    public static async Task<JsonNode> GraphQLAsync(this HttpClient client, string query, JsonObject? variables = null)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables ?? [] };
        var response = await client.PostAsync("/api/v1/graphql", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static async Task<JsonNode> GraphQLDataAsync(this HttpClient client, string query, JsonObject? variables = null)
    {
        var answer = await client.GraphQLAsync(query, variables);
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        return answer["data"]!;
    }

    /// <summary>Posts a GraphQL request and returns the whole answer, asserting GraphQL over HTTP's media type.</summary>
    public static async Task<JsonNode> Ask(HttpClient client, string query, JsonObject? variables = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = variables;
        var response = await client.PostAsync("/api/v1/graphql", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>An answer's data, asserting it has no errors.</summary>
    public static JsonNode Data(JsonNode answer)
    {
        Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
        return answer["data"]!;
    }

    /// <summary>Asserts that what GraphQL selected (<paramref name="gql"/>) is REST's answer (<paramref name="rest"/>) at every selected field, <paramref name="path"/> naming where.</summary>
    public static void AssertSelectionOf(JsonNode? rest, JsonNode? gql, string path)
    {
        switch (gql)
        {
            case JsonObject o:
                foreach (var (key, value) in o) AssertSelectionOf(rest?[key], value, $"{path}.{key}");
                break;
            case JsonArray a:
                Assert.True(rest is JsonArray r && r.Count == a.Count, $"{path}: REST {rest?.ToJsonString()}, GraphQL {a.ToJsonString()}");
                for (var i = 0; i < a.Count; i++) AssertSelectionOf(rest![i], a[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(rest, gql), $"{path}: REST {rest?.ToJsonString()}, GraphQL {gql?.ToJsonString()}");
                break;
        }
    }
}
