using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Grid;

/// <summary>The stations' REST edge; the behaviour is <see cref="GridImportWrites.StationsAsync"/> and <see cref="StationReads"/>.</summary>
public static class StationEndpoints
{
    public static RouteGroupBuilder MapStations(this RouteGroupBuilder api)
    {
        api.MapPost("/station-imports", Import).WithTags("Grid").WithName("createStationImport").RequireGate(RoleGates.GridSubmitter)
            .WithSummary("The operator's stations as GeoJSON points {code, name, voltagesKv, energyAreaShortCode}, all or nothing")
            .Accepts<object>("application/geo+json", "application/json").WithHeader("Content-Crs", "CRS of the points")
            .WithProblems(400, 401, 403, 409, 413, 415);
        api.MapGet("/stations", List).WithTags("Grid").WithName("listStations").WithSummary("Stations, optionally of one operator")
            .WithProblems(400);
        return api;
    }

    /// <summary>The stations' list query.</summary>
    private sealed record ListQuery(
        [property: FromQuery(Name = "operator"), Description("grid operator code")] string? Operator,
        [property: FromQuery(Name = "asOf"), Description("the stations as they were at this moment (e.g. a programme cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<StationList>, ProblemResult>> List([AsParameters] ListQuery query, HttpContext http, StationReads reads, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        return TypedResults.Ok(await reads.ListAsync(query.Operator, asOf, ct));
    }

    private static async Task<Results<Ok<StationImportReport>, ProblemResult>> Import(HttpContext http, GridImportWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return problem;
        using (doc)
            return (await writes.StationsAsync(scope, doc!.RootElement, crs!, ct)).Failed(out var refused, out var report) ? refused : TypedResults.Ok(report);
    }
}
