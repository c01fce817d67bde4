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
            .WithQuery("dryRun", "validate and report what would change without storing anything", Microsoft.OpenApi.JsonSchemaType.Boolean)
            .Produces<CapacityMapImportReport>(201).Produces<CapacityMapImportReport>(200).WithProblems(400, 401, 403, 409, 413, 415);
        imports.MapGet("/{id:guid}", GetImport).WithName("getCapacityMapImport").WithSummary("What a capacity-map import changed (the operator only)")
            .Produces<CapacityMapImportReport>().WithProblems(400, 404);
        api.MapPost("/energy-area-imports", ImportDetails).WithTags("Grid").WithName("createEnergyAreaImport").RequireGate(RoleGates.GridSubmitter)
            .WithSummary("Boundaries and capacity per year of the operator's energy areas (GeoJSON), all or nothing")
            .Accepts<object>("application/geo+json", "application/json")
            .WithHeader("Content-Crs", "CRS of the geometries: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithQuery("dryRun", "validate and report what would change without storing anything", Microsoft.OpenApi.JsonSchemaType.Boolean)
            .Produces<EnergyAreaImportReport>().WithProblems(400, 401, 403, 409, 413, 415);
        var areas = api.MapGroup("/energy-areas").WithTags("Grid");
        areas.MapGet("", ListAreas).WithName("listEnergyAreas").WithSummary("Energy and congestion areas with their capacity")
            .WithQuery("operator", "grid operator code").WithQuery("kind", "energy_area or congestion_area")
            .WithQuery("congestionArea", "short code of a TSO congestion area: the energy areas linked to it (demand or generation)")
            .WithQuery("asOf", "the areas as they were at this moment (e.g. a programme cycle's baseline), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<EnergyAreaList>().WithProblems(400);
        areas.MapGet("/{id:guid}", GetArea).WithName("getEnergyArea").WithSummary("One energy area")
            .Produces<EnergyAreaResponse>().WithProblems(400, 404);
        return api;
    }

    private static async Task<IResult> Import(HttpContext http, GridImportWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (dryRun, dryRunProblem) = RequestBody.DryRun(http.Request.Query);
        if (dryRunProblem is not null) return dryRunProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, ImportLimits(options), ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            if ((await writes.CapacityMapAsync(scope, doc!.RootElement, dryRun, ct)).Failed(out var refused, out var report)) return refused;
            return dryRun ? TypedResults.Ok(report) : TypedResults.Created($"/api/v1/capacity-map-imports/{report.Id}", report);
        }
    }

    private static async Task<IResult> ImportDetails(HttpContext http, GridImportWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (dryRun, dryRunProblem) = RequestBody.DryRun(http.Request.Query);
        if (dryRunProblem is not null) return dryRunProblem;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, ImportLimits(options), RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return problem;
        using (doc)
            return (await writes.EnergyAreasAsync(scope, doc!.RootElement, crs!, dryRun, ct)).Failed(out var refused, out var report) ? refused : TypedResults.Ok(report);
    }

    private static LimitOptions ImportLimits(IOptions<DataHubOptions> options) =>
        new() { MaxBodyBytes = options.Value.Limits.MaxImportBodyBytes, MaxJsonDepth = options.Value.Limits.MaxJsonDepth };

    private static async Task<IResult> GetImport(Guid id, GridImportReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.CapacityMapImportAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var report) ? problem : TypedResults.Ok(report);

    private static async Task<IResult> ListAreas(string? @operator, string? kind, string? congestionArea, HttpContext http, EnergyAreaReads reads, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if ((await reads.ListAsync(@operator, kind, congestionArea, asOf, ct)).Failed(out var problem, out var rows)) return problem;
        var items = await reads.ToResponsesAsync(rows, asOf, ct);
        return TypedResults.Ok(new EnergyAreaList(items, items.Count));
    }

    private static async Task<IResult> GetArea(Guid id, EnergyAreaReads reads, CancellationToken ct) =>
        (await reads.GetAsync(id, ct)).Failed(out var problem, out var row) ? problem : TypedResults.Ok((await reads.ToResponsesAsync([row], null, ct))[0]);
}
