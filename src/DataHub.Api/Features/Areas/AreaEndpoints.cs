using System.Text.Json.Serialization;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Areas;

public sealed record AreaProperties(string Code, string Name, string Kind, string? ProvinceCode, string? ResRegionCode, string Attribution);

public sealed record AreaFeature(string Id, Geometry Geometry, AreaProperties Properties)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

public sealed record AreaCollection(IReadOnlyList<AreaFeature> Features, int NumberReturned, IReadOnlyList<Link> Links)
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

public static class AreaEndpoints
{
    public const string Attribution = "Bron: CBS / Kadaster (via cartomap/nl), CC-BY 4.0";
    private static readonly string[] Kinds = ["municipality", "province", "resRegion"];

    public static RouteGroupBuilder MapAreas(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/areas").WithTags("Areas");
        g.MapGet("", List).WithName("listAreas")
            .WithSummary("CBS areas (municipalities, provinces, RES regions) with simplified 2025 boundaries")
            .WithProblems(400);
        g.MapGet("/{code}", Get).WithName("getArea").WithSummary("One CBS area by its code (GM…, PV…, ES…)")
            .WithProblems(400, 404);
        return api;
    }

    public static async Task<Results<GeoJsonOk<AreaCollection>, ProblemResult>> List(string? kind, string? province, string? crs, bool? withGeometry, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        if (kind is not null && Array.IndexOf(Kinds, kind) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"'{kind}' is not an area kind; use one of {string.Join(", ", Kinds)}") { Parameter = "kind" }]);
        var (outCrs, crsProblem) = RequestBody.CrsParameter(crs, "crs");
        if (crsProblem is not null) return crsProblem;
        var rows = db.Areas.AsNoTracking();
        if (kind is not null) rows = rows.Where(a => a.Kind == kind);
        if (province is not null) rows = rows.Where(a => a.ProvinceCode == province || a.Code == province);
        var areas = await rows.OrderBy(a => a.Code).ToListAsync(ct);
        http.Response.Headers["Content-Crs"] = $"<{outCrs!.Uri}>";
        var features = areas.Select(a => ToFeature(a, outCrs, withGeometry ?? true)).ToList();
        return GeoJson.Ok(new AreaCollection(features, features.Count, [new Link($"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}{http.Request.QueryString}", "self", GeoJson.MediaType)]));
    }

    public static async Task<Results<GeoJsonOk<AreaFeature>, ProblemResult>> Get(string code, string? crs, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var (outCrs, crsProblem) = RequestBody.CrsParameter(crs, "crs");
        if (crsProblem is not null) return crsProblem;
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null) return Problems.NotFound($"There is no area '{code}'.");
        http.Response.Headers["Content-Crs"] = $"<{outCrs!.Uri}>";
        return GeoJson.Ok(ToFeature(area, outCrs, true));
    }

    private static AreaFeature ToFeature(Area a, Crs crs, bool withGeometry) => new(a.Code,
        withGeometry ? CrsTransform.FromCrs84(crs, a.Geometry) : CrsTransform.FromCrs84(crs, a.Geometry.Centroid),
        new AreaProperties(a.Code, a.Name, a.Kind, a.ProvinceCode, a.ResRegionCode, Attribution));
}
