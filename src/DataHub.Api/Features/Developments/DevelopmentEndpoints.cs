using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Plans;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Developments;

public static class DevelopmentEndpoints
{
    public static RouteGroupBuilder MapDevelopments(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/developments").WithTags("Developments");
        g.MapGet("", List).WithName("listDevelopments")
            .WithSummary("List developments as a GeoJSON FeatureCollection, filtered and paged")
            .WithQuery("bbox", "minX,minY,maxX,maxY in bboxCrs: developments whose geometry intersects the box")
            .WithQuery("bboxCrs", "CRS of bbox: CRS84 (default), EPSG:28992 or EPSG:4258 (URI or short form)")
            .WithQuery("crs", "CRS of the response geometries; reported in the Content-Crs header")
            .WithQuery("municipality", "CBS municipality codes (GM…), comma-separated")
            .WithQuery("province", "CBS province codes (PV…), comma-separated")
            .WithQuery("resRegion", "RES region codes (ES…), comma-separated")
            .WithQuery("planType", "RES, CES, RAL, RMP, woonagenda, TVW, IP, other; comma-separated")
            .WithQuery("sector", "sector codes, comma-separated")
            .WithQuery("kind", "kind codes, comma-separated")
            .WithQuery("certainty", "realised, underConstruction, permitted, inProcedure, planned, ambition; comma-separated")
            .WithQuery("owner", "owner organisation codes, comma-separated")
            .WithQuery("externalId", "the owners' own ids, comma-separated")
            .WithQuery("activeInYear", "developments in place in that year (commissioned, not decommissioned)", JsonSchemaType.Integer)
            .WithQuery("fromYear", "developments in place at some time from this year", JsonSchemaType.Integer)
            .WithQuery("toYear", "developments commissioned by this year", JsonSchemaType.Integer)
            .WithQuery("updatedSince", "only versions written at or after this moment (RFC 3339)", JsonSchemaType.String, "date-time")
            .WithQuery("asOf", "the state at this past moment (RFC 3339)", JsonSchemaType.String, "date-time")
            .WithQuery("includeRetired", "include retired developments", JsonSchemaType.Boolean)
            .WithQuery("limit", "page size, 1–1000 (default 100)", JsonSchemaType.Integer)
            .WithQuery("sort", "the order: seq (creation, the default), name or updatedAt; '-' first for descending (e.g. -updatedAt); ties in creation order")
            .WithQuery("cursor", "where the page starts; take it from the next link")
            .Produces<DevelopmentCollection>(200, "application/geo+json").WithProblems(400);
        g.MapPost("", Create).WithName("createDevelopment")
            .WithSummary("Submit a development (a GeoJSON Feature); the caller's organisation becomes its owner")
            .Accepts<DevelopmentFeature>("application/geo+json", "application/json")
            .WithHeader("Content-Crs", "CRS of the body: CRS84 (default), EPSG:28992 or EPSG:4258")
            .Produces<DevelopmentFeature>(201, "application/geo+json").WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getDevelopment")
            .WithSummary("Get a development, now or as it was at asOf")
            .WithQuery("crs", "CRS of the response geometry")
            .WithQuery("asOf", "the state at this past moment (RFC 3339)", JsonSchemaType.String, "date-time")
            .Produces<DevelopmentFeature>(200, "application/geo+json").WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateDevelopment")
            .WithSummary("Replace a development with a new version (If-Match required)")
            .Accepts<DevelopmentFeature>("application/geo+json", "application/json")
            .WithHeader("If-Match", "the ETag of the version being replaced")
            .WithHeader("Content-Crs", "CRS of the body: CRS84 (default), EPSG:28992 or EPSG:4258")
            .Produces<DevelopmentFeature>(200, "application/geo+json").WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Retire).WithName("retireDevelopment")
            .WithSummary("Retire a development: a new version marked retired (If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .Produces(204).WithProblems(400, 401, 403, 404, 412, 428);
        g.MapGet("/{id:guid}/versions", Versions).WithName("listDevelopmentVersions")
            .WithSummary("Every version of a development, oldest first")
            .WithQuery("crs", "CRS of the response geometries")
            .Produces<DevelopmentCollection>(200, "application/geo+json").WithProblems(400, 404);
        return api;
    }

    public static string BaseUrl(HttpRequest r) => $"{r.Scheme}://{r.Host}";

    public static async Task<IResult> List(HttpContext http, DataHubDb db, ISpatialQuery spatial, AccessScopes access, AuditTrail audit, AnswerCache cache, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (filter, errors) = DevelopmentFilter.Parse(http.Request.Query, options.Value.Limits);
        if (filter is null) return Problems.Validation(errors, "The query is not valid");
        var scope = await access.CurrentAsync(ct);
        var answer = await cache.GetOrBuildAsync(db, "listDevelopments", http.Request, scope, () => ListAnswerAsync(http.Request, db, spatial, filter, scope, ct), ct);
        await audit.ReadAsync(scope.Caller, answer.Shown, "list", ct);
        return answer.ToResult(http);
    }

    private static async Task<CachedAnswer> ListAnswerAsync(HttpRequest request, DataHubDb db, ISpatialQuery spatial, DevelopmentFilter filter, AccessScope scope, CancellationToken ct)
    {
        var rows = await DevelopmentQueries.FilterAsync(db, spatial, filter, scope, ct);
        var matched = await rows.LongCountAsync(ct);
        var (page, hasMore) = await DevelopmentPaging.PageAsync(rows, filter, ct);

        var baseUrl = BaseUrl(request);
        var self = $"{baseUrl}{request.Path}{request.QueryString}";
        var links = new List<Link> { new(self, "self", "application/geo+json") };
        if (hasMore)
        {
            links.Add(PageLinks.Next(request, GeoJson.MediaType, ("cursor", DevelopmentPaging.CursorOf(page[^1], filter)),
                ("limit", filter.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        var features = page.Select(v => v.ToFeature(filter.ResponseCrs, baseUrl, scope.HasDetailAccess(v))).ToList();
        // asOf a past moment the answer describes that moment, and stays the same byte for byte.
        var body = new DevelopmentCollection(features, matched, features.Count, links, filter.AsOf ?? DateTime.UtcNow);
        return new CachedAnswer(JsonSerializer.SerializeToUtf8Bytes(body, GeoJson.Options), GeoJson.MediaType,
            [("Content-Crs", $"<{filter.ResponseCrs.Uri}>")], [.. page.Select(ShownRecord.Of)]);
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.CrsParameter(http.Request.Query["crs"].ToString(), "crs");
        if (crsProblem is not null) return crsProblem;
        DateTime? asOf = null;
        if (http.Request.Query["asOf"].ToString() is { Length: > 0 } raw)
        {
            if (!DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                return Problems.Validation([new FieldError("", "invalidFormat", "asOf must be an RFC 3339 date-time") { Parameter = "asOf" }]);
            asOf = t.UtcDateTime;
        }
        var scope = await access.CurrentAsync(ct);
        var row = (await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(asOf, scope).FirstOrDefaultAsync(ct))?.SeenAt(asOf);
        if (row is null) return NotFound(id);
        await audit.ReadAsync(scope.Caller, [row], "get", ct);
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        http.Response.Headers["Content-Crs"] = $"<{crs!.Uri}>";
        return GeoJson.Ok(row.ToFeature(crs, BaseUrl(http.Request), scope.HasDetailAccess(row)));
    }

    public static async Task<IResult> Versions(Guid id, HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.CrsParameter(http.Request.Query["crs"].ToString(), "crs");
        if (crsProblem is not null) return crsProblem;
        var scope = await access.CurrentAsync(ct);
        // A record is visible in history only if its current version is visible to the caller.
        var current = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(null, scope).AnyAsync(ct);
        if (!current) return NotFound(id);
        var versions = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).VisibleTo(scope)
            .OrderBy(v => v.Version).ToListAsync(ct);
        await audit.ReadAsync(scope.Caller, versions, "versions", ct);
        var baseUrl = BaseUrl(http.Request);
        http.Response.Headers["Content-Crs"] = $"<{crs!.Uri}>";
        var features = versions.Select(v => v.ToFeature(crs, baseUrl, scope.HasDetailAccess(v))).ToList();
        return GeoJson.Ok(new DevelopmentCollection(features, features.Count, features.Count,
            [new Link($"{baseUrl}{http.Request.Path}", "self", "application/geo+json")], DateTime.UtcNow));
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (Guard(caller) is { } denied) return denied;
        var (input, problem) = await ReadFeatureAsync(http, await access.CurrentAsync(ct), options.Value, ct);
        if (problem is not null) return problem;

        var existing = await store.CurrentByExternalIdAsync(caller.Organisation!, [input!.ExternalId], ct);
        if (existing.TryGetValue(input.ExternalId, out var e))
            return Problems.Conflict($"externalId '{input.ExternalId}' is already used by development {e.Id} of {caller.Organisation}; update it with PUT /api/v1/developments/{e.Id} or use a bulk import.");
        var (row, planProblem) = await BuildRowAsync(db, input, caller, options.Value, ct);
        if (planProblem is not null) return planProblem;
        audit.Write(caller, "create", "development", input.ExternalId, caller.Organisation);
        if (!await store.WriteAsync([DevelopmentStore.Plan(row!, null)], caller.Subject, ct))
            return Problems.Conflict($"externalId '{input.ExternalId}' was created concurrently by another request.");
        var url = $"/api/v1/developments/{row!.DevelopmentId}";
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        http.Response.Headers.Location = url;
        return GeoJson.Created(row.ToFeature(Crs.Crs84, BaseUrl(http.Request), detailAccess: true));
    }

    public static async Task<IResult> Update(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (Guard(caller) is { } denied) return denied;
        var (current, problem) = await CurrentForWriteAsync(id, http, db, access, caller, ct);
        if (problem is not null) return problem;
        var (input, readProblem) = await ReadFeatureAsync(http, await access.CurrentAsync(ct), options.Value, ct);
        if (readProblem is not null) return readProblem;
        if (input!.ExternalId != current!.ExternalId)
            return Problems.Validation([new FieldError("/properties/externalId", "immutable",
                $"externalId cannot change (it is '{current.ExternalId}'); retire this development and submit a new one")]);
        var (row, planProblem) = await BuildRowAsync(db, input, caller, options.Value, ct);
        if (planProblem is not null) return planProblem;
        var change = DevelopmentStore.Plan(row!, Existing(current));
        if (change.Kind == ChangeKind.Unchanged)
        {
            http.Response.Headers.ETag = RequestBody.ETag(current.Version);
            return GeoJson.Ok(current.ToFeature(Crs.Crs84, BaseUrl(http.Request), detailAccess: true));
        }
        audit.Write(caller, "update", "development", id.ToString(), caller.Organisation);
        if (!await store.WriteAsync([change], caller.Subject, ct))
            return Problems.PreconditionFailed($"Development {id} was changed by another request; GET it again and retry with its new ETag.");
        http.Response.Headers.ETag = RequestBody.ETag(row!.Version);
        return GeoJson.Ok(row.ToFeature(Crs.Crs84, BaseUrl(http.Request), detailAccess: true));
    }

    public static async Task<IResult> Retire(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (Guard(caller) is { } denied) return denied;
        var (current, problem) = await CurrentForWriteAsync(id, http, db, access, caller, ct);
        if (problem is not null) return problem;
        if (current!.IsRetired)
        {
            http.Response.Headers.ETag = RequestBody.ETag(current.Version);
            return Results.NoContent();
        }
        var retired = current.NextVersion();
        retired.IsRetired = true;
        audit.Write(caller, "retire", "development", id.ToString(), caller.Organisation);
        if (!await store.WriteAsync([new PlannedChange(retired, Existing(current), ChangeKind.Retired)], caller.Subject, ct))
            return Problems.PreconditionFailed($"Development {id} was changed by another request; GET it again and retry with its new ETag.");
        http.Response.Headers.ETag = RequestBody.ETag(retired.Version);
        return Results.NoContent();
    }

    private static ProblemResult? Guard(Caller caller) =>
        !caller.IsAuthenticated ? Problems.Unauthorized("Writing requires a bearer token; see README (token command).")
        : !caller.CanSubmit() ? Problems.Forbidden("Writing developments requires the Submitter role.")
        : null;

    private static ProblemResult NotFound(Guid id) => Problems.NotFound($"There is no development {id}.");

    /// <summary>The current version for a PUT/DELETE: visible (else 404), owned by the caller (else 403), matching If-Match (else 428/412).</summary>
    private static async Task<(DevelopmentVersion?, ProblemResult?)> CurrentForWriteAsync(Guid id, HttpContext http, DataHubDb db, AccessScopes access, Caller caller, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var current = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(null, scope).FirstOrDefaultAsync(ct);
        if (current is null) return (null, NotFound(id));
        if (current.OwnerCode != caller.Organisation)
            return (null, Problems.Forbidden($"Development {id} belongs to {current.OwnerCode}; only its owner's Submitters change it."));
        return RequestBody.CheckIfMatch(http.Request, current.Version, $"development {id}") is { } stale ? (null, stale) : (current, null);
    }

    private static ExistingDevelopment Existing(DevelopmentVersion v) =>
        new(v.Seq, v.DevelopmentId, v.RowId, v.Version, v.ValidFrom, v.CreatedAt, v.IsRetired, v.ContentHash);

    private static async Task<(DevelopmentInput?, ProblemResult?)> ReadFeatureAsync(HttpContext http, AccessScope scope, DataHubOptions options, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return (null, crsProblem);
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return (null, problem);
        using (doc)
        {
            var errors = new ErrorCollector();
            var input = DevelopmentReader.Read(doc!.RootElement, crs!, scope.Organisation!, errors);
            var all = input is null ? errors.Errors : [.. SubmissionRules.Check(input, scope.OrganisationType)];
            return all.Count > 0 ? (null, Problems.Validation(all, "The development is not valid")) : (input, null);
        }
    }

    /// <summary>Resolves the plan reference, applies the default visibility and derives the areas.</summary>
    private static async Task<(DevelopmentVersion?, ProblemResult?)> BuildRowAsync(DataHubDb db, DevelopmentInput input, Caller caller, DataHubOptions options, CancellationToken ct)
    {
        var plans = await PlanQueries.ResolverAsync(db, caller.Organisation!, ct);
        Guid? planId = null;
        if (input.Plan is { } planRef)
        {
            planId = plans(planRef);
            if (planId is null)
                return (null, Problems.Validation([new FieldError("/properties/plan", "unknownPlan",
                    $"no plan '{planRef}' of {caller.Organisation}: refer to a plan by its id or code (POST /api/v1/plans)")]));
        }
        var visibility = DefaultVisibility.For(input, options);
        return (input.ToVersion(caller.Organisation!, planId, visibility, AreaCatalogue.Instance.Derive(input.Geometry)), null);
    }
}

public static class DefaultVisibility
{
    public static string For(DevelopmentInput input, DataHubOptions options) =>
        input.Visibility ?? (options.DefaultVisibilityByPlanType.TryGetValue(input.PlanType, out var v) ? v : "public");
}
