using System.Text;
using System.Text.Json.Nodes;

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
}
