using System.Net.Http.Headers;

namespace DataHub.IntegrationTests;

/// <summary>
/// Every problem goes through ASP.NET Core's problem details service, customised to the hub's types: the framework's
/// own answers without a body under /api, and the operations' problems with their per-item errors, as
/// application/problem+json whatever the client said it accepts.
/// </summary>
public abstract class ProblemPipelineTests(Hub hub)
{
    [Fact]
    public async Task An_unmatched_route_is_a_not_found_problem_even_for_a_client_that_accepts_only_csv()
    {
        var client = hub.Client();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await client.GetAsync("/api/v1/no-such-resource");
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("https://datahub.example.nl/problems/not-found", problem["type"]!.GetValue<string>());
        Assert.Equal("/api/v1/no-such-resource", problem["instance"]!.GetValue<string>());
        Assert.Null(problem["traceId"]);
    }

    [Fact]
    public async Task A_method_a_route_does_not_take_is_a_method_not_allowed_problem()
    {
        var problem = await (await hub.Client().DeleteAsync("/api/v1/organisations")).Problem(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("https://datahub.example.nl/problems/method-not-allowed", problem["type"]!.GetValue<string>());
        Assert.Contains("DELETE", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_validation_problem_keeps_every_error_with_its_pointer_and_writes_no_empty_fields()
    {
        var response = await hub.Client("GM0321").PostAsync("/api/v1/plans", Json("""{"code":"","planType":"nonsense"}"""));
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["pointer"]!.GetValue<string>() == "/planType" && e["code"]!.GetValue<string>() == "unknownCode");
        Assert.Contains(errors, e => e!["pointer"]!.GetValue<string>() == "/name" && e["code"]!.GetValue<string>() == "required");
        Assert.All(errors, e => Assert.DoesNotContain(e!.AsObject(), p => p.Value is null));
        Assert.Equal("/api/v1/plans", problem["instance"]!.GetValue<string>());
    }
}

public sealed class ProblemPipelineOnSqlite(SqliteHub hub) : ProblemPipelineTests(hub), IClassFixture<SqliteHub>;
