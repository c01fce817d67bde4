using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Programme;

/// <summary>The assessments' REST edge; the behaviour is <see cref="MiekAssessmentReads"/> and <see cref="MiekAssessmentWrites"/>.</summary>
public static class MiekAssessmentEndpoints
{
    public static RouteGroupBuilder MapMiekAssessments(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects/{id:guid}").WithTags("Programme");
        g.MapGet("/assessment", Get).WithName("getMiekAssessment")
            .WithSummary("Scores with rationale and author, the prioritisation decision, their history, and the hub's supporting facts")
            .WithProblems(400, 404);
        g.MapPut("/scores/{criterion}", Score).WithName("scoreMiekProject").RequireGate(RoleGates.SignedIn)
            .WithSummary("Score the project on one criterion, with a rationale (If-Match when replacing a score)")
            .Accepts<ScoreRequest>("application/json").WithHeader("If-Match", "the ETag of the score being replaced")
            .WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        g.MapPut("/decision", Decide).WithName("decideMiekProject").RequireGate(RoleGates.SignedIn)
            .WithSummary("The prioritisation decision (prioritised, included, notIncluded) with its reason (If-Match when replacing)")
            .Accepts<object>("application/json").WithHeader("If-Match", "the ETag of the decision being replaced")
            .WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        return api;
    }

    /// <summary>The assessment's query: the moment.</summary>
    private sealed record AssessmentQuery(
        [property: FromQuery(Name = "asOf"), Description("the assessment as it stood at this moment (e.g. the cycle's baseline or its publication), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<MiekAssessment>, ProblemResult>> Get(Guid id, [AsParameters] AssessmentQuery query, HttpContext http, MiekAssessmentReads reads, AccessScopes access, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        return (await reads.GetAsync(await access.CurrentAsync(ct), id, asOf, ct)).Failed(out var problem, out var assessment) ? problem : TypedResults.Ok(assessment);
    }

    private static Task<Results<Ok<AssessmentEntry>, ProblemResult>> Score(Guid id, string criterion, HttpContext http, MiekAssessmentWrites writes, AccessScopes access, IOptions<DataHubOptions> options,
        CancellationToken ct) => WriteAsync(http, access, options, ct, (scope, body, ifMatch) => writes.ScoreAsync(scope, id, criterion, body, ifMatch, ct));

    private static Task<Results<Ok<AssessmentEntry>, ProblemResult>> Decide(Guid id, HttpContext http, MiekAssessmentWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct) =>
        WriteAsync(http, access, options, ct, (scope, body, ifMatch) => writes.DecideAsync(scope, id, body, ifMatch, ct));

    private static async Task<Results<Ok<AssessmentEntry>, ProblemResult>> WriteAsync(HttpContext http, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct,
        Func<AccessScope, JsonElement, string, Task<Outcome<AssessmentEntry>>> write)
    {
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            if ((await write(await access.CurrentAsync(ct), doc!.RootElement, http.Request.Headers.IfMatch.ToString())).Failed(out var refused, out var entry)) return refused;
            http.Response.Headers.ETag = RequestBody.ETag(entry.Version);
            return TypedResults.Ok(entry);
        }
    }
}
