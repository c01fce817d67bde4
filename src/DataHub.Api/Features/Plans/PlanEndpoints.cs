using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Plans;

/// <summary>The plans' REST edge: routes, binding and answers; the behaviour is <see cref="PlanReads"/> and <see cref="PlanWrites"/>.</summary>
public static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlans(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans").WithTags("Plans");
        g.MapGet("", List).WithName("listPlans").WithSummary("List source plans, optionally of one owner or plan type")
            .WithProblems(400);
        g.MapPost("", Create).WithName("createPlan").RequireGate(RoleGates.Submitter).WithSummary("Register a source plan of the caller's organisation")
            .Accepts<PlanRequest>("application/json").WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getPlan").WithSummary("Get a source plan")
            .WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updatePlan").RequireGate(RoleGates.Submitter).WithSummary("Replace a source plan with a new version (If-Match required)")
            .Accepts<PlanRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        return api;
    }

    /// <summary>The list's query: which plans, at which moment.</summary>
    private sealed record ListQuery(
        [property: FromQuery(Name = "owner"), Description("owner organisation code")] string? Owner,
        [property: FromQuery(Name = "planType"), Description("plan type code")] string? PlanType,
        [property: FromQuery(Name = "asOf"), Description("the plans as they were at this moment (e.g. a programme cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<PlanList>, ProblemResult>> List([AsParameters] ListQuery query, HttpContext http, PlanReads reads, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        var list = await reads.ListAsync(query.Owner, query.PlanType, asOf, ct);
        return list.Failed(out var problem, out var plans) ? problem : TypedResults.Ok(plans);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemResult>> Get(Guid id, HttpContext http, PlanReads reads, CancellationToken ct)
    {
        if ((await reads.GetAsync(id, ct)).Failed(out var problem, out var row)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(PlanContracts.ToResponse(row));
    }

    private static async Task<Results<Created<PlanResponse>, ProblemResult>> Create(HttpContext http, PlanWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(scope, request!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"/api/v1/plans/{written.Row.PlanId}", PlanContracts.ToResponse(written.Row));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemResult>> Update(Guid id, HttpContext http, PlanWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.UpdateAsync(scope, id, request!, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Ok(PlanContracts.ToResponse(written.Row));
    }

    private static Task<(PlanRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext http, DataHubOptions options, CancellationToken ct) =>
        RequestBody.ReadValidAsync(http.Request, options.Limits, PlanContracts.Read, "The plan is not valid", ct);
}
