using System.ComponentModel.DataAnnotations;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Plans;
using DataHub.Api.Spatial;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Developments;

public static class DevelopmentEndpoints
{
    public static RouteGroupBuilder MapDevelopments(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/developments").WithTags("Developments");
        g.MapGet("", List).WithName("listDevelopments")
            .WithSummary("List developments as a GeoJSON FeatureCollection, filtered and paged")
            .Produces<DevelopmentCollection>(200, "application/geo+json").WithProblems(400);
        g.MapPost("", Create).WithName("createDevelopment").RequireGate(RoleGates.Submitter)
            .WithSummary("Submit a development (a GeoJSON Feature); the caller's organisation becomes its owner")
            .Accepts<DevelopmentFeature>("application/geo+json", "application/json")
            .WithHeader("Content-Crs", "CRS of the body: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getDevelopment")
            .WithSummary("Get a development, now or as it was at asOf")
            .WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateDevelopment").RequireGate(RoleGates.Submitter)
            .WithSummary("Replace a development with a new version (If-Match required)")
            .Accepts<DevelopmentFeature>("application/geo+json", "application/json")
            .WithHeader("If-Match", "the ETag of the version being replaced")
            .WithHeader("Content-Crs", "CRS of the body: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Retire).WithName("retireDevelopment").RequireGate(RoleGates.Submitter)
            .WithSummary("Retire a development: a new version marked retired (If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .WithProblems(400, 401, 403, 404, 412, 428);
        g.MapGet("/{id:guid}/versions", Versions).WithName("listDevelopmentVersions")
            .WithSummary("Every version of a development, oldest first")
            .WithProblems(400, 404);
        return api;
    }

    private static async Task<IResult> List([AsParameters] DevelopmentListQuery query, HttpContext http, DevelopmentReads reads, AccessScopes access, AnswerCache cache, DataHubDb db, IOptions<DataHubOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var (filter, errors) = DevelopmentFilter.Parse(query, options.Value.Limits, clock);
        if (filter is null) return Problems.Validation(errors, "The query is not valid");
        var scope = await access.CurrentAsync(ct);
        var answer = await cache.GetOrBuildAsync(db, "listDevelopments", http.Request, scope, async () => ToAnswer(http.Request, await reads.FindAsync(scope, filter, ct), scope, clock), ct);
        await reads.AuditShownAsync(scope, answer.Shown, ct);
        return answer.ToResult(http);
    }

    private static CachedAnswer ToAnswer(HttpRequest request, DevelopmentPage page, AccessScope scope, TimeProvider clock)
    {
        var filter = page.Filter;
        var baseUrl = PageLinks.BaseUrl(request);
        var links = new List<Link> { new($"{baseUrl}{request.Path}{request.QueryString}", "self", "application/geo+json") };
        if (page.NextCursor is { } next)
            links.Add(PageLinks.Next(request, GeoJson.MediaType, ("cursor", next), ("limit", filter.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var features = page.Rows.Select(v => v.ToFeature(filter.ResponseCrs, baseUrl, scope.HasDetailAccess(v))).ToList();
        // asOf a past moment the answer describes that moment, and stays the same byte for byte.
        var body = new DevelopmentCollection(features, page.Matched, features.Count, links, filter.AsOf ?? clock.GetUtcNow().UtcDateTime);
        return new CachedAnswer(JsonSerializer.SerializeToUtf8Bytes(body, GeoJson.Options), GeoJson.MediaType,
            [("Content-Crs", $"<{filter.ResponseCrs.Uri}>")], [.. page.Rows.Select(ShownRecord.Of)]);
    }

    /// <summary>One development's query: the CRS of its geometry, and the moment.</summary>
    private sealed record OneQuery(
        [property: FromQuery(Name = "crs"), Description("CRS of the response geometry")] string? Crs,
        [property: FromQuery(Name = "asOf"), Description("the state at this past moment (RFC 3339)"), DataType(DataType.DateTime)] string? AsOf);

    /// <summary>The versions' query: the CRS of their geometries.</summary>
    private sealed record VersionsQuery([property: FromQuery(Name = "crs"), Description("CRS of the response geometries")] string? Crs);

    private static async Task<Results<GeoJsonOk<DevelopmentFeature>, ProblemResult>> Get(Guid id, [AsParameters] OneQuery query, HttpContext http, DevelopmentReads reads, AccessScopes access, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.CrsParameter(query.Crs, "crs");
        if (crsProblem is not null) return crsProblem;
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        var scope = await access.CurrentAsync(ct);
        if ((await reads.GetAsync(scope, id, asOf, ct)).Failed(out var problem, out var row)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        http.Response.Headers["Content-Crs"] = $"<{crs!.Uri}>";
        return GeoJson.Ok(row.ToFeature(crs, PageLinks.BaseUrl(http.Request), scope.HasDetailAccess(row)));
    }

    private static async Task<Results<GeoJsonOk<DevelopmentCollection>, ProblemResult>> Versions(Guid id, [AsParameters] VersionsQuery query, HttpContext http, DevelopmentReads reads, AccessScopes access, TimeProvider clock,
        CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.CrsParameter(query.Crs, "crs");
        if (crsProblem is not null) return crsProblem;
        var scope = await access.CurrentAsync(ct);
        if ((await reads.VersionsAsync(scope, id, ct)).Failed(out var problem, out var versions)) return problem;
        var baseUrl = PageLinks.BaseUrl(http.Request);
        http.Response.Headers["Content-Crs"] = $"<{crs!.Uri}>";
        var features = versions.Select(v => v.ToFeature(crs, baseUrl, scope.HasDetailAccess(v))).ToList();
        return GeoJson.Ok(new DevelopmentCollection(features, features.Count, features.Count,
            [new Link($"{baseUrl}{http.Request.Path}", "self", "application/geo+json")], clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<Results<GeoJsonCreated<DevelopmentFeature>, ProblemResult>> Create(HttpContext http, DevelopmentWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (input, problem) = await ReadFeatureAsync(http, scope, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(scope, input!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        http.Response.Headers.Location = $"/api/v1/developments/{written.Row.DevelopmentId}";
        return GeoJson.Created(written.Row.ToFeature(Crs.Crs84, PageLinks.BaseUrl(http.Request), detailAccess: true));
    }

    private static async Task<Results<GeoJsonOk<DevelopmentFeature>, ProblemResult>> Update(Guid id, HttpContext http, DevelopmentWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (input, problem) = await ReadFeatureAsync(http, scope, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.UpdateAsync(scope, id, input!, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return GeoJson.Ok(written.Row.ToFeature(Crs.Crs84, PageLinks.BaseUrl(http.Request), detailAccess: true));
    }

    private static async Task<Results<NoContent, ProblemResult>> Retire(Guid id, HttpContext http, DevelopmentWrites writes, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if ((await writes.RetireAsync(scope, id, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.NoContent();
    }

    /// <summary>The body (size, media type, JSON depth checked) read into a development, in the CRS Content-Crs names.</summary>
    private static async Task<(DevelopmentInput?, ProblemResult?)> ReadFeatureAsync(HttpContext http, AccessScope scope, DataHubOptions options, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return (null, crsProblem);
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return (null, problem);
        using (doc)
            return DevelopmentWrites.Read(scope, doc!.RootElement, crs!).Failed(out var invalid, out var input) ? (null, invalid) : (input, null);
    }
}
