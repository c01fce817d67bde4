using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>The development imports' REST edge; the behaviour is <see cref="DevelopmentImporter"/> and <see cref="DevelopmentImportReads"/>.</summary>
public static class DevelopmentImportEndpoints
{
    public static RouteGroupBuilder MapDevelopmentImports(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/development-imports").WithTags("Development imports");
        g.MapPost("", Create).WithName("createDevelopmentImport").RequireGate(RoleGates.Submitter)
            .WithSummary("Bulk upsert of developments (GeoJSON FeatureCollection, CSV or GeoPackage), all or nothing, keyed on (owner, externalId)")
            .Accepts<DevelopmentCollection>("application/geo+json", "application/json", "text/csv", GeoPackageDevelopments.MediaType)
            .WithHeader("Content-Crs", "CRS of the coordinates (GeoJSON) or of the wkt / x,y columns (CSV); a GeoPackage states its own")
            
            .WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("", List).WithName("listDevelopmentImports").RequireGate(RoleGates.SignedIn)
            .WithSummary("The caller's organisation's past imports (at most 100), newest first, with what each did")
            .WithProblems(400, 401);
        g.MapGet("/{id:guid}", Get).WithName("getDevelopmentImport")
            .WithSummary("What an import did: created, updated and unchanged counts")
            .WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Ok<DevelopmentImportList>, ProblemResult>> List(HttpContext http, DevelopmentImportReads reads, AccessScopes access, CancellationToken ct)
    {
        if ((await reads.ListAsync(await access.CurrentAsync(ct), ct)).Failed(out var problem, out var rows)) return problem;
        var items = rows.Select(i => DevelopmentImportReads.ToReport(i, PageLinks.BaseUrl(http.Request))).ToList();
        return TypedResults.Ok(new DevelopmentImportList(items, items.Count));
    }

    private static async Task<Results<Ok<DevelopmentImportReport>, ProblemResult>> Get(Guid id, HttpContext http, DevelopmentImportReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.GetAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var import) ? problem
            : TypedResults.Ok(DevelopmentImportReads.ToReport(import, PageLinks.BaseUrl(http.Request)));

    private static async Task<Results<Created<DevelopmentImportReport>, Ok<DevelopmentImportReport>, ProblemResult>> Create([AsParameters] RequestBody.ImportQuery query, HttpContext http, DevelopmentImporter importer, IOptions<DataHubOptions> options, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var dryRun = query.DryRun ?? false;
        var (mediaType, typeProblem) = RequestBody.MediaType(http.Request, [.. RequestBody.GeoJsonTypes, "text/csv", GeoPackageDevelopments.MediaType]);
        if (typeProblem is not null) return typeProblem;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (body, sizeProblem) = await RequestBody.SpoolAsync(http.Request, options.Value.Limits.MaxImportBodyBytes, ct, binary: mediaType == GeoPackageDevelopments.MediaType);
        if (sizeProblem is not null) return sizeProblem;
        await using (body)
        {
            var format = mediaType switch { "text/csv" => "csv", GeoPackageDevelopments.MediaType => "gpkg", _ => "geojson" };
            if (format == "gpkg")
            {
                // The file says its CRS; it is checked (one feature table, a supported SRS) before the import begins.
                var (layer, fileProblem) = GeoPackageDevelopments.Describe(((FileStream)body!).Name);
                if (fileProblem is not null) return fileProblem;
                crs = layer!.Crs;
            }
            if ((await importer.ImportAsync(scope, format, body!, crs!, dryRun, ct)).Failed(out var refused, out var done)) return refused;
            var report = DevelopmentImportReads.ToReport(done.Import, PageLinks.BaseUrl(http.Request), dryRun, done.FeatureCount);
            return dryRun ? TypedResults.Ok(report) : TypedResults.Created($"/api/v1/development-imports/{done.Import.Id}", report);
        }
    }
}
