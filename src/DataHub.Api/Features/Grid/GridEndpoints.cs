using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Grid;

/// <summary>
/// The grid's REST edge: capacity-map and energy-area imports and the energy areas; the behaviour is
/// <see cref="GridImportWrites"/>, <see cref="GridImportReads"/> and <see cref="EnergyAreaReads"/>.
/// </summary>
public static class GridEndpoints
{
    public static RouteGroupBuilder MapGrid(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/capacity-map-imports").WithTags("Grid");
        imports.MapPost("", Import).WithName("createCapacityMapImport").RequireGate(RoleGates.GridSubmitter)
            .WithSummary("A grid operator's capacity-map file (im-capaciteitskaart v1.3) as delivered: all or nothing, upsert on short code")
            .Accepts<object>("application/json")
            .WithProblems(400, 401, 403, 409, 413, 415);
        imports.MapGet("/{id:guid}", GetImport).WithName("getCapacityMapImport").WithSummary("What a capacity-map import changed (the operator only)")
            .WithProblems(400, 404);
        api.MapPost("/energy-area-imports", ImportDetails).WithTags("Grid").WithName("createEnergyAreaImport").RequireGate(RoleGates.GridSubmitter)
            .WithSummary("Boundaries and capacity per year of the operator's energy areas (GeoJSON), all or nothing")
            .Accepts<object>("application/geo+json", "application/json")
            .WithHeader("Content-Crs", "CRS of the geometries: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 403, 409, 413, 415);
        var areas = api.MapGroup("/energy-areas").WithTags("Grid");
        areas.MapGet("", ListAreas).WithName("listEnergyAreas").WithSummary("Energy and congestion areas with their capacity")
            .WithProblems(400);
        areas.MapGet("/{id:guid}", GetArea).WithName("getEnergyArea").WithSummary("One energy area")
            .WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Created<CapacityMapImportReport>, Ok<CapacityMapImportReport>, ProblemResult>> Import([AsParameters] RequestBody.ImportQuery query, HttpContext http, GridImportWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var dryRun = query.DryRun ?? false;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, ImportLimits(options), ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            if ((await writes.CapacityMapAsync(scope, doc!.RootElement, dryRun, ct)).Failed(out var refused, out var report)) return refused;
            return dryRun ? TypedResults.Ok(report) : TypedResults.Created($"/api/v1/capacity-map-imports/{report.Id}", report);
        }
    }

    private static async Task<Results<Ok<EnergyAreaImportReport>, ProblemResult>> ImportDetails([AsParameters] RequestBody.ImportQuery query, HttpContext http, GridImportWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var dryRun = query.DryRun ?? false;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, ImportLimits(options), RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return problem;
        using (doc)
            return (await writes.EnergyAreasAsync(scope, doc!.RootElement, crs!, dryRun, ct)).Failed(out var refused, out var report) ? refused : TypedResults.Ok(report);
    }

    private static LimitOptions ImportLimits(IOptions<DataHubOptions> options) =>
        new() { MaxBodyBytes = options.Value.Limits.MaxImportBodyBytes, MaxJsonDepth = options.Value.Limits.MaxJsonDepth };

    private static async Task<Results<Ok<CapacityMapImportReport>, ProblemResult>> GetImport(Guid id, GridImportReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.CapacityMapImportAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var report) ? problem : TypedResults.Ok(report);

    /// <summary>The energy areas' list query.</summary>
    private sealed record AreaQuery(
        [property: FromQuery(Name = "operator"), Description("grid operator code")] string? Operator,
        [property: FromQuery(Name = "kind"), Description("energy_area or congestion_area")] string? Kind,
        [property: FromQuery(Name = "congestionArea"), Description("short code of a TSO congestion area: the energy areas linked to it (demand or generation)")] string? CongestionArea,
        [property: FromQuery(Name = "asOf"), Description("the areas as they were at this moment (e.g. a programme cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<EnergyAreaList>, ProblemResult>> ListAreas([AsParameters] AreaQuery query, HttpContext http, EnergyAreaReads reads, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if ((await reads.ListAsync(query.Operator, query.Kind, query.CongestionArea, asOf, ct)).Failed(out var problem, out var rows)) return problem;
        var items = await reads.ToResponsesAsync(rows, asOf, ct);
        return TypedResults.Ok(new EnergyAreaList(items, items.Count));
    }

    private static async Task<Results<Ok<EnergyAreaResponse>, ProblemResult>> GetArea(Guid id, EnergyAreaReads reads, CancellationToken ct) =>
        (await reads.GetAsync(id, ct)).Failed(out var problem, out var row) ? problem : TypedResults.Ok((await reads.ToResponsesAsync([row], null, ct))[0]);
}
