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
            .WithQuery("scope", "national or a province code (PV20–PV31)").WithQuery("year", "the cycle's year", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("status", "open, frozen (baseline frozen) or published")
            .Produces<ProgrammeCycleList>().WithProblems(400);
        g.MapPost("", Create).WithName("createProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Open a programme cycle (ProgrammeCoordinator of the province, or of the ministry for national)")
            .Accepts<ProgrammeCycleRequest>("application/json").Produces<ProgrammeCycleResponse>(201).WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getProgrammeCycle").WithSummary("One programme cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Replace a cycle's name, milestones or description (If-Match required)")
            .Accepts<ProgrammeCycleRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapPost("/{id:guid}/baseline", Freeze).WithName("freezeProgrammeCycleBaseline").RequireGate(RoleGates.ProgrammeCoordinator)
            .WithSummary("Freeze the baseline now: asOf the baseline, the cycle's data stays as it is (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapPost("/{id:guid}/publication", Publish).WithName("publishProgrammeCycle").RequireGate(RoleGates.ProgrammeCoordinator)
            .WithSummary("Publish the adopted pMIEK: the baseline is frozen and every project has its decision (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapGet("/{id:guid}/changes", Changes).WithName("listProgrammeCycleChanges")
            .WithSummary("What the caller may see that was added, changed or retired since the cycle's baseline, in the order each first changed")
            .WithQuery("resourceType", $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes.Where(t => t != "programmeCycle"))}")
            .WithQuery("limit", $"records per page (default {ProgrammeCycleReads.ChangesDefaultLimit}, at most {ProgrammeCycleReads.ChangesMaxLimit})", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("cursor", "where the page starts; take it from the next link")
            .Produces<BaselineChanges>().WithProblems(400, 404, 409);
        return api;
    }

    private static async Task<IResult> List(HttpContext http, ProgrammeCycleReads reads, CancellationToken ct)
    {
        var q = http.Request.Query;
        var list = await reads.ListAsync(RequestBody.String(q, "scope"), RequestBody.Int(q, "year"), RequestBody.String(q, "status"), ct);
        return list.Failed(out var problem, out var cycles) ? problem : TypedResults.Ok(cycles);
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, ProgrammeCycleReads reads, CancellationToken ct)
    {
        if ((await reads.GetAsync(id, ct)).Failed(out var problem, out var row)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ProgrammeCycleContracts.ToResponse(row));
    }

    private static async Task<IResult> Create(HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(await access.CurrentAsync(ct), request!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"/api/v1/programme-cycles/{written.Row.CycleId}", ProgrammeCycleContracts.ToResponse(written.Row));
    }

    private static async Task<IResult> Update(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        return Answer(http, await writes.UpdateAsync(await access.CurrentAsync(ct), id, request!, http.Request.Headers.IfMatch.ToString(), ct));
    }

    private static async Task<IResult> Freeze(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, CancellationToken ct) =>
        Answer(http, await writes.FreezeAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct));

    private static async Task<IResult> Publish(Guid id, HttpContext http, ProgrammeCycleWrites writes, AccessScopes access, CancellationToken ct) =>
        Answer(http, await writes.PublishAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct));

    private static IResult Answer(HttpContext http, Outcome<Written<ProgrammeCycleVersion>> written)
    {
        if (written.Failed(out var refused, out var w)) return refused;
        http.Response.Headers.ETag = w.ETag;
        return TypedResults.Ok(ProgrammeCycleContracts.ToResponse(w.Row));
    }

    private static async Task<IResult> Changes(Guid id, HttpContext http, ProgrammeCycleReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var types = q["resourceType"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var limit = RequestBody.Int(q, "limit");
        long cursor = 0;
        if (q["cursor"].ToString() is { Length: > 0 } c && !long.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cursor))
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
