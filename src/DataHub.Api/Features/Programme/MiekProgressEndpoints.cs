using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Programme;

/// <summary>The progress updates' and report's REST edge; the behaviour is <see cref="MiekProgressReads"/> and <see cref="MiekProgressWrites"/>.</summary>
public static class MiekProgressEndpoints
{
    public static RouteGroupBuilder MapMiekProgress(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects/{id:guid}/progress-updates").WithTags("Programme");
        g.MapGet("", List).WithName("listMiekProgressUpdates").WithSummary("A project's progress updates, oldest first")
            .WithProblems(400, 404);
        g.MapPost("", Create).WithName("createMiekProgressUpdate").RequireGate(RoleGates.SignedIn)
            .WithSummary("Report a project's progress (half-yearly): date, phase, on schedule or delayed, and why")
            .Accepts<object>("application/json").WithProblems(400, 401, 403, 404, 413, 415);
        api.MapGet("/programme-cycles/{id:guid}/progress-report", Report).WithTags("Programme").WithName("getProgrammeCycleProgressReport")
            .WithSummary("How the previous cycle's projects of the same scope are progressing: each project's latest update and a summary")
            .WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Ok<ProgressUpdateList>, ProblemResult>> List(Guid id, MiekProgressReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.ListAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Created<ProgressUpdateResponse>, ProblemResult>> Create(Guid id, HttpContext http, MiekProgressWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
            return (await writes.CreateAsync(await access.CurrentAsync(ct), id, doc!.RootElement, ct)).Failed(out var refused, out var update) ? refused
                : TypedResults.Created($"/api/v1/miek-projects/{id}/progress-updates", update);
    }

    /// <summary>The progress report's query: the date reported on, and the moment the hub answers as.</summary>
    private sealed record ReportQuery(
        [property: FromQuery(Name = "date"), Description("report as of this date (yyyy-mm-dd; default today, or asOf's date): the latest update dated on or before it counts")] string? Date,
        [property: FromQuery(Name = "asOf"), Description("the report as the hub knew it at this moment (cycles, projects, decisions and the updates recorded by then): the same answer forever, RFC 3339"),
            DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<ProgressReport>, ProblemResult>> Report(Guid id, [AsParameters] ReportQuery query, HttpContext http, MiekProgressReads reads, AccessScopes access, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        var (date, dateProblem) = MiekProgressContracts.ReportDate(query.Date is { Length: > 0 } d ? d : null);
        if (dateProblem is not null) return dateProblem;
        return (await reads.ReportAsync(await access.CurrentAsync(ct), id, date, asOf, ct)).Failed(out var problem, out var report) ? problem : TypedResults.Ok(report);
    }
}
