using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests;

public sealed class GraphQLBudgetTests(GraphQLBudgetTests.BudgetHub hub) : IClassFixture<GraphQLBudgetTests.BudgetHub>
{
    public sealed class BudgetHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataHub:RateLimit:BucketSize"] = "6",
            ["DataHub:RateLimit:TokensPerPeriod"] = "1",
            ["DataHub:RateLimit:PeriodSeconds"] = "3600",
            ["DataHub:GraphQL:AnonymousIntrospection"] = "false",
        };
    }

    [Fact]
    public async Task The_rate_limit_counts_operations_not_requests()
    {
        var client = hub.Client("GM0344", "Reader");
        var five = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ me { organisation } }"}""", 5)) + "]";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/graphql", Json(five))).StatusCode);   // 5 of 6 tokens
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""))).StatusCode); // the 6th
        var refused = await client.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""));
        await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        // Another identity has its own budget; a batch larger than what is left is refused whole.
        var other = hub.Client("GM0363", "Reader");
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""))).StatusCode);
        var seven = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ me { organisation } }"}""", 7)) + "]";
        await (await other.PostAsync("/api/v1/graphql", Json(seven))).Problem(HttpStatusCode.TooManyRequests); // 7 ≤ the batch cap, but more than the 5 tokens left
    }

    [Fact]
    public async Task Introspection_can_be_closed_to_anonymous_callers()
    {
        var anonymous = await hub.Client().PostAsync("/api/v1/graphql", Json("""{"query":"{ __schema { queryType { name } } }"}"""));
        Assert.Contains("signed-in callers only", await anonymous.Content.ReadAsStringAsync());
        var signedIn = await hub.Client("GM0599", "Reader").PostAsync("/api/v1/graphql", Json("""{"query":"{ __schema { queryType { name } } }"}"""));
        Assert.Equal("Query", JsonNode.Parse(await signedIn.Content.ReadAsStringAsync())!["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_kept_for_reuse_is_still_checked_against_its_caller()
    {
        // The signed-in caller's document passes validation and is kept; the same text from an anonymous caller is refused all the same.
        const string introspection = """{"query":"{ __type(name: \"Query\") { name } }"}""";
        var signedIn = await hub.Client("GM0599", "Reader").PostAsync("/api/v1/graphql", Json(introspection));
        Assert.Equal("Query", JsonNode.Parse(await signedIn.Content.ReadAsStringAsync())!["data"]!["__type"]!["name"]!.GetValue<string>());
        var anonymous = JsonNode.Parse(await (await hub.Client().PostAsync("/api/v1/graphql", Json(introspection))).Content.ReadAsStringAsync())!;
        Assert.Null(anonymous["data"]);
        Assert.Contains("signed-in callers only", anonymous["errors"]![0]!["message"]!.GetValue<string>());
    }
}

/// <summary>A hub whose GraphQL requests may run 0 s: every operation is over its time.</summary>
public sealed class GraphQLTimeoutTests(GraphQLTimeoutTests.TimeoutHub hub) : IClassFixture<GraphQLTimeoutTests.TimeoutHub>
{
    public sealed class TimeoutHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:GraphQL:TimeoutSeconds"] = "0" };
    }

    [Fact]
    public async Task A_request_over_its_time_is_stopped_with_an_error_and_the_hub_goes_on()
    {
        var response = await hub.Client("GM0606", "Reader").PostAsync("/api/v1/graphql",
            new StringContent("""{"query":"{ developments(first: 5) { totalCount } }"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("timeout", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(answer["data"]);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client("GM0606", "Reader").GetAsync("/api/v1/developments?limit=1")).StatusCode);
    }
}
