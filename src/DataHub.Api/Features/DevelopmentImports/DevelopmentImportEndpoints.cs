using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>What an import did (or, for a dry run, would do).</summary>
public sealed record DevelopmentImportReport(
    Guid? Id, string Owner, string Format, bool DryRun, int FeatureCount, int Created, int Updated, int Unchanged, DateTime CreatedAt, IReadOnlyList<Link> Links);

/// <summary>The caller's organisation's imports, newest first.</summary>
public sealed record DevelopmentImportList(IReadOnlyList<DevelopmentImportReport> Items, int NumberReturned);

public static class DevelopmentImportEndpoints
{
    /// <summary>At most this many past imports in the list (an organisation imports a few times a month).</summary>
    public const int ListLimit = 100;

    public static RouteGroupBuilder MapDevelopmentImports(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/development-imports").WithTags("Development imports");
        g.MapPost("", Create).WithName("createDevelopmentImport")
            .WithSummary("Bulk upsert of developments (GeoJSON FeatureCollection or CSV), all or nothing, keyed on (owner, externalId)")
            .Accepts<DevelopmentCollection>("application/geo+json", "application/json", "text/csv")
            .WithQuery("dryRun", "validate and report without storing anything", Microsoft.OpenApi.JsonSchemaType.Boolean)
            .WithHeader("Content-Crs", "CRS of the coordinates (GeoJSON) or of the wkt / x,y columns (CSV)")
            .Produces<DevelopmentImportReport>(201).Produces<DevelopmentImportReport>(200)
            .WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("", List).WithName("listDevelopmentImports")
            .WithSummary("The caller's organisation's past imports (at most 100), newest first, with what each did")
            .Produces<DevelopmentImportList>().WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getDevelopmentImport")
            .WithSummary("What an import did: created, updated and unchanged counts")
            .Produces<DevelopmentImportReport>().WithProblems(400, 404);
        return api;
    }

    public static async Task<IResult> List(HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller.Organisation is null) return Problems.Unauthorized("Imports are listed for a signed-in organisation.");
        // Like one report, the list reveals what an organisation submitted: only its own imports.
        var rows = await db.DevelopmentImports.AsNoTracking().Where(i => i.OwnerCode == caller.Organisation)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(ListLimit).ToListAsync(ct);
        var items = rows.Select(i => ToReport(i, false, i.Created + i.Updated + i.Unchanged, http.Request)).ToList();
        return TypedResults.Ok(new DevelopmentImportList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        // An import report reveals what an organisation submitted: only the importing organisation sees it.
        var import = await db.DevelopmentImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OwnerCode == caller.Organisation, ct);
        if (import is null) return Problems.NotFound($"There is no import {id}.");
        return TypedResults.Ok(ToReport(import, false, import.Created + import.Updated + import.Unchanged, http.Request));
    }

    public static async Task<IResult> Create(HttpContext http, DevelopmentImporter importer, IOptions<DataHubOptions> options, AccessScopes access, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAuthenticated) return Problems.Unauthorized("Importing requires a bearer token; see README (token command).");
        if (!caller.CanSubmit()) return Problems.Forbidden("Importing developments requires the Submitter role.");

        var (dryRun, dryRunProblem) = RequestBody.DryRun(http.Request.Query);
        if (dryRunProblem is not null) return dryRunProblem;
        var (mediaType, typeProblem) = RequestBody.MediaType(http.Request, [.. RequestBody.GeoJsonTypes, "text/csv"]);
        if (typeProblem is not null) return typeProblem;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (body, sizeProblem) = await RequestBody.SpoolAsync(http.Request, options.Value.Limits.MaxImportBodyBytes, ct);
        if (sizeProblem is not null) return sizeProblem;
        await using (body)
        {
            var organisationType = (await access.CurrentAsync(ct)).OrganisationType;
            var format = mediaType == "text/csv" ? "csv" : "geojson";
            var (import, count, problem) = await importer.RunAsync(caller, organisationType, format, body!, crs!, dryRun, ct);
            if (problem is not null) return problem;
            if (dryRun) return TypedResults.Ok(ToReport(import!, true, count, http.Request) with { Id = null, Links = [] });
            return TypedResults.Created($"/api/v1/development-imports/{import!.Id}", ToReport(import, false, count, http.Request));
        }
    }

    private static DevelopmentImportReport ToReport(DevelopmentImport i, bool dryRun, int count, HttpRequest request) => new(
        i.Id, i.OwnerCode, i.Format, dryRun, count, i.Created, i.Updated, i.Unchanged, i.CreatedAt,
        [
            new Link($"{request.Scheme}://{request.Host}/api/v1/development-imports/{i.Id}", "self", "application/json"),
            new Link($"{request.Scheme}://{request.Host}/api/v1/developments?owner={i.OwnerCode}", "developments", "application/geo+json"),
        ]);
}
