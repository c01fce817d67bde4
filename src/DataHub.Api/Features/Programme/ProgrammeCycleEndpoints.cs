using DataHub.Api.Features.Changes;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Programme;

/// <summary>The programme cycles' REST edge; the behaviour is <see cref="ProgrammeCycleReads"/> and <see cref="ProgrammeCycleWrites"/>.</summary>
public static class ProgrammeCycleEndpoints
{
    public static RouteGroupBuilder MapProgrammeCycles(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/programme-cycles").WithTags("Programme");
        g.MapGet("", List).WithName("listProgrammeCycles").WithSummary("Programme cycles, optionally of one scope (national or a province code) or year")
            .WithProblems(400);
        g.MapPost("", Create).WithName("createProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Open a programme cycle (ProgrammeCoordinator of the province, or of the ministry for national)")
            .Accepts<ProgrammeCycleRequest>("application/json").WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getProgrammeCycle").WithSummary("One programme cycle")
            .WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Replace a cycle's name, milestones or description (If-Match required)")
            .Accepts<ProgrammeCycleRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapPost("/{id:guid}/baseline", Freeze).WithName("freezeProgrammeCycleBaseline").RequireGate(RoleGates.ProgrammeCoordinator)
            .WithSummary("Freeze the baseline now: asOf the baseline, the cycle's data stays as it is (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapPost("/{id:guid}/publication", Publish).WithName("publishProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator)
            .WithSummary("Publish the adopted pMIEK: the baseline is frozen and every project has its decision (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapGet("/{id:guid}/changes", Changes).WithName("listProgrammeCycleChanges")
            .WithSummary("What the caller may see that was added, changed or retired since the cycle's baseline, in the order each first changed")
            .WithProblems(400, 404, 409);
        return api;
    }

    /// <summary>The cycles' list query.</summary>
    private sealed record ListQuery(
        [property: FromQuery(Name = "scope"), Description("national or a province code (PV20–PV31)")] string? Scope,
        [property: FromQuery(Name = "year"), Description("the cycle's year")] int? Year,
        [property: FromQuery(Name = "status"), Description("open, frozen (baseline frozen) or published")] string? Status);

    private static string ResourceTypeText => $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes.Where(t => t != "programmeCycle"))}";
    private static string LimitText => $"records per page (default {ProgrammeCycleReads.ChangesDefaultLimit}, at most {ProgrammeCycleReads.ChangesMaxLimit})";

    /// <summary>The changes' query: which resource types, a page from where.</summary>
    private sealed record ChangesQuery(
        [property: FromQuery(Name = "resourceType"), DescribedBy(typeof(ProgrammeCycleEndpoints), nameof(ResourceTypeText))] string? ResourceType,
        [property: FromQuery(Name = "limit"), DescribedBy(typeof(ProgrammeCycleEndpoints), nameof(LimitText))] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("where the page starts; take it from the next link")] string? Cursor);

    private static async Task<Results<Ok<ProgrammeCycleList>, ProblemResult>> List([AsParameters] ListQuery query, ProgrammeCycleReads reads, CancellationToken ct)
    {
        var list = await reads.ListAsync(query.Scope is { Length: > 0 } s ? s : null, query.Year, query.Status is { Length: > 0 } st ? st : null, ct);
        return list.Failed(out var problem, out var cycles) ? problem : TypedResults.Ok(cycles);
    }

    private static async Task<Results<Ok<ProgrammeCycleResponse>, ProblemResult>> Get(Guid id, HttpContext http, ProgrammeCycleReads reads, CancellationToken ct)
    {
        if ((await reads.GetAsync(id, ct)).Failed(out var problem, out var row)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ProgrammeCycleContracts.ToResponse(row));
    }

    private static async Task<Results<Created<ProgrammeCycleResponse>, ProblemResult>> Create(HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(await access.CurrentAsync(ct), request!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"/api/v1/programme-cycles/{written.Row.CycleId}", ProgrammeCycleContracts.ToResponse(written.Row));
    }

    private static async Task<Results<Ok<ProgrammeCycleResponse>, ProblemResult>> Update(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        return Answer(http, await writes.UpdateAsync(await access.CurrentAsync(ct), id, request!, http.Request.Headers.IfMatch.ToString(), ct));
    }

    private static async Task<Results<Ok<ProgrammeCycleResponse>, ProblemResult>> Freeze(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, CancellationToken ct) =>
        Answer(http, await writes.FreezeAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct));

    private static async Task<Results<Ok<ProgrammeCycleResponse>, ProblemResult>> Publish(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, CancellationToken ct) =>
        Answer(http, await writes.PublishAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct));

    private static Results<Ok<ProgrammeCycleResponse>, ProblemResult> Answer(HttpContext http, Outcome<Written<ProgrammeCycleVersion>> written)
    {
        if (written.Failed(out var refused, out var w)) return refused;
        http.Response.Headers.ETag = w.ETag;
        return TypedResults.Ok(ProgrammeCycleContracts.ToResponse(w.Row));
    }

    private static async Task<Results<Ok<BaselineChanges>, ProblemResult>> Changes(Guid id, [AsParameters] ChangesQuery query, HttpContext http, ProgrammeCycleReads reads, AccessScopes access, CancellationToken ct)
    {
        var types = (query.ResourceType ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var limit = query.Limit;
        long cursor = 0;
        if (query.Cursor is { Length: > 0 } c && !long.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cursor))
            return Problems.Validation([new FieldError("", "invalidCursor", "cursor is taken from the next link") { Parameter = "cursor" }], "The query is not valid");
        var changes = await reads.ChangesAsync(await access.CurrentAsync(ct), id, types, limit ?? ProgrammeCycleReads.ChangesDefaultLimit, cursor, ct);
        if (changes.Failed(out var problem, out var page)) return problem;
        return TypedResults.Ok(ProgrammeCycleContracts.ToChanges(page, next => PageLinks.Next(http.Request, "application/json",
            ("limit", (limit ?? ProgrammeCycleReads.ChangesDefaultLimit).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("cursor", next.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    private static Task<(ProgrammeCycleRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext http, DataHubOptions options, CancellationToken ct) =>
        RequestBody.ReadValidAsync(http.Request, options.Limits, ProgrammeCycleContracts.Read, "The programme cycle is not valid", ct);
}
