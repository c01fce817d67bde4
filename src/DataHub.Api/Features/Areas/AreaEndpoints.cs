using DataHub.Api.Features.Organisations;
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

/// <summary>The areas' REST edge (GeoJSON); the behaviour is <see cref="AreaReads"/>.</summary>
public static class AreaEndpoints
{
    public const string Attribution = "Bron: CBS / Kadaster (via cartomap/nl), CC-BY 4.0";

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

    private static Results<GeoJsonOk<AreaCollection>, ProblemResult> List(string? kind, string? province, string? crs, bool? withGeometry, HttpContext http, AreaReads reads)
    {
        var (outCrs, crsProblem) = RequestBody.CrsParameter(crs, "crs");
        if (crsProblem is not null) return crsProblem;
        if (reads.List(kind, province).Failed(out var problem, out var areas)) return problem;
        http.Response.Headers["Content-Crs"] = $"<{outCrs!.Uri}>";
        var features = areas.Select(a => ToFeature(a, outCrs, withGeometry ?? true)).ToList();
        return GeoJson.Ok(new AreaCollection(features, features.Count, [new Link($"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}{http.Request.QueryString}", "self", GeoJson.MediaType)]));
    }

    private static Results<GeoJsonOk<AreaFeature>, ProblemResult> Get(string code, string? crs, HttpContext http, AreaReads reads)
    {
        var (outCrs, crsProblem) = RequestBody.CrsParameter(crs, "crs");
        if (crsProblem is not null) return crsProblem;
        if (reads.Get(code).Failed(out var problem, out var area)) return problem;
        http.Response.Headers["Content-Crs"] = $"<{outCrs!.Uri}>";
        return GeoJson.Ok(ToFeature(area, outCrs, true));
    }

    private static AreaFeature ToFeature(AreaInfo a, Crs crs, bool withGeometry) => new(a.Code,
        withGeometry ? CrsTransform.FromCrs84(crs, a.Boundary) : CrsTransform.FromCrs84(crs, a.Boundary.Centroid),
        new AreaProperties(a.Code, a.Name, ReferenceData.KindName(a.Kind), a.ProvinceCode, a.ResRegionCode, Attribution));
}
