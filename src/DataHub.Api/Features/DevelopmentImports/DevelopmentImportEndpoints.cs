using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Plans;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>What an import did (or, for a dry run, would do).</summary>
public sealed record DevelopmentImportReport(
    Guid? Id, string Owner, string Format, bool DryRun, int FeatureCount, int Created, int Updated, int Unchanged, DateTime CreatedAt, IReadOnlyList<Link> Links);

public static class DevelopmentImportEndpoints
{
    /// <summary>At most this many errors are listed in one answer; the detail gives the total.</summary>
    public const int MaxListedErrors = 10_000;

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
        g.MapGet("/{id:guid}", Get).WithName("getDevelopmentImport")
            .WithSummary("What an import did: created, updated and unchanged counts")
            .Produces<DevelopmentImportReport>().WithProblems(400, 404);
        return api;
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        // An import report reveals what an organisation submitted: only the importing organisation sees it.
        var import = await db.DevelopmentImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OwnerCode == caller.Organisation, ct);
        if (import is null) return Problems.NotFound($"There is no import {id}.");
        return TypedResults.Ok(ToReport(import, false, import.Created + import.Updated + import.Unchanged, http.Request));
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, IOptions<DataHubOptions> options, AccessScopes access, AuditTrail audit, ILogger<DevelopmentImport> logger, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var caller = Caller.From(http.User);
        if (!caller.IsAuthenticated) return Problems.Unauthorized("Importing requires a bearer token; see README (token command).");
        if (!caller.CanSubmit()) return Problems.Forbidden("Importing developments requires the Submitter role.");
        var limits = options.Value.Limits;

        var dryRunRaw = http.Request.Query["dryRun"].ToString();
        var dryRun = false;
        if (dryRunRaw.Length > 0 && !bool.TryParse(dryRunRaw, out dryRun))
            return Problems.Validation([new FieldError("", "invalidFormat", "dryRun is true or false") { Parameter = "dryRun" }]);
        var (mediaType, typeProblem) = RequestBody.MediaType(http.Request, [.. RequestBody.GeoJsonTypes, "text/csv"]);
        if (typeProblem is not null) return typeProblem;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var (bytes, sizeProblem) = await RequestBody.ReadAsync(http.Request, limits.MaxImportBodyBytes, ct);
        if (sizeProblem is not null) return sizeProblem;
        var received = clock.Elapsed;

        var format = mediaType == "text/csv" ? "csv" : "geojson";
        var (inputs, errors, problem) = format == "csv"
            ? ReadCsv(bytes!, crs!, caller, limits)
            : ReadFeatureCollection(bytes!, crs!, caller, limits);
        if (problem is not null) return problem;

        var parsed = clock.Elapsed;
        CheckDuplicates(inputs, errors, format);
        var organisationType = (await access.CurrentAsync(ct)).OrganisationType;
        foreach (var r in inputs)
            errors.AddRange(SubmissionRules.Check(r.Input, organisationType).Select(e => Locate(e, r, format)));
        var plans = await PlanQueries.ResolverAsync(db, caller.Organisation!, ct);
        var planIds = new Guid?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Input.Plan is not { } planRef) continue;
            planIds[i] = plans(planRef);
            if (planIds[i] is null)
                errors.Add(Locate(new FieldError("/properties/plan", "unknownPlan", $"no plan '{planRef}' of {caller.Organisation}"), inputs[i], format));
        }
        if (errors.Count > 0) return Rejected(errors);

        var existing = await store.CurrentByExternalIdAsync(caller.Organisation!, inputs.Select(i => i.Input.ExternalId).ToList(), ct);
        var changes = new PlannedChange[inputs.Count];
        var settings = options.Value;
        Parallel.For(0, inputs.Count, i =>
        {
            var input = inputs[i].Input;
            var row = input.ToVersion(caller.Organisation!, planIds[i], DefaultVisibility.For(input, settings), AreaCatalogue.Instance.Derive(input.Geometry));
            changes[i] = DevelopmentStore.Plan(row, existing.GetValueOrDefault(input.ExternalId));
        });

        var derived = clock.Elapsed;
        var now = store.Now();
        var import = new DevelopmentImport
        {
            Id = Guid.CreateVersion7(now), OwnerCode = caller.Organisation!, ChangedBy = caller.Subject, Format = format, CreatedAt = now,
            Created = changes.Count(c => c.Kind == ChangeKind.Created),
            Updated = changes.Count(c => c.Kind == ChangeKind.Updated),
            Unchanged = changes.Count(c => c.Kind == ChangeKind.Unchanged),
        };
        if (dryRun) return TypedResults.Ok(ToReport(import, true, inputs.Count, http.Request) with { Id = null, Links = [] });
        audit.Write(caller, "import", "development", import.Id.ToString(), caller.Organisation, import.Created + import.Updated,
            $"{format}: {import.Created} created, {import.Updated} updated, {import.Unchanged} unchanged");
        logger.LogInformation("import {Id}: writing {Count} changes", import.Id, changes.Count(c => c.Kind != ChangeKind.Unchanged));
        if (!await store.WriteAsync(changes, caller.Subject, import.Id, import, ct))
            return Problems.Conflict("Another write changed some of these developments while the import ran; nothing was stored. Retry the import.");
        logger.LogInformation("import {Id} by {Owner}: {Count} features ({Created} created, {Updated} updated, {Unchanged} unchanged); receive {Receive} ms, read {Read} ms, derive {Derive} ms, write {Write} ms",
            import.Id, import.OwnerCode, inputs.Count, import.Created, import.Updated, import.Unchanged,
            (long)received.TotalMilliseconds, (long)(parsed - received).TotalMilliseconds, (long)(derived - parsed).TotalMilliseconds, (long)(clock.Elapsed - derived).TotalMilliseconds);
        Telemetry.ImportDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("format", format));
        Telemetry.ImportedFeatures.Add(inputs.Count);
        var report = ToReport(import, false, inputs.Count, http.Request);
        return TypedResults.Created($"/api/v1/development-imports/{import.Id}", report);
    }

    public sealed record ReadInput(DevelopmentInput Input, int Index, int? Row);

    private static (List<ReadInput>, List<FieldError>, ProblemResult?) ReadFeatureCollection(byte[] bytes, Crs crs, Caller caller, LimitOptions limits)
    {
        var inputs = new List<ReadInput>();
        var errors = new List<FieldError>();
        var (doc, jsonProblem) = RequestBody.ParseJson(bytes, limits.MaxJsonDepth);
        if (jsonProblem is not null) return (inputs, errors, jsonProblem);
        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "FeatureCollection")
                return (inputs, errors, Problems.Validation([new FieldError("/type", "invalidValue", "an import is a GeoJSON FeatureCollection")]));
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return (inputs, errors, Problems.Validation([new FieldError("/features", "required", "features must be an array of development Features")]));
            if (features.GetArrayLength() == 0)
                return (inputs, errors, Problems.Validation([new FieldError("/features", "empty", "the import has no features")]));
            if (features.GetArrayLength() > limits.MaxImportFeatures)
                return (inputs, errors, Problems.TooLarge($"The import has {features.GetArrayLength()} features; at most {limits.MaxImportFeatures} per import."));
            // Features are read and checked in parallel (JsonDocument is safe for concurrent reads); results keep their order.
            var elements = features.EnumerateArray().ToArray();
            var read = new (DevelopmentInput? Input, IReadOnlyList<FieldError> Errors)[elements.Length];
            Parallel.For(0, elements.Length, i =>
            {
                var collector = new ErrorCollector($"/features/{i}");
                var input = DevelopmentReader.Read(elements[i], crs, caller.Organisation!, collector);
                read[i] = (input, collector.Errors);
            });
            for (var i = 0; i < read.Length; i++)
            {
                var index = i;
                errors.AddRange(read[i].Errors.Select(e => e with { Index = index }));
                if (read[i].Input is { } input) inputs.Add(new ReadInput(input, i, null));
            }
        }
        return (inputs, errors, null);
    }

    private static (List<ReadInput>, List<FieldError>, ProblemResult?) ReadCsv(byte[] bytes, Crs crs, Caller caller, LimitOptions limits)
    {
        var inputs = new List<ReadInput>();
        var errors = new List<FieldError>();
        var index = 0;
        foreach (var row in CsvDevelopments.Read(bytes))
        {
            errors.AddRange(row.Errors);
            if (row.Feature is null) continue;
            if (index >= limits.MaxImportFeatures)
                return (inputs, errors, Problems.TooLarge($"The import has more than {limits.MaxImportFeatures} rows; at most that many per import."));
            using (row.Feature)
            {
                var collector = new ErrorCollector();
                var input = DevelopmentReader.Read(row.Feature.RootElement, crs, caller.Organisation!, collector);
                if (row.Errors.Count == 0)
                    errors.AddRange(collector.Errors.Select(e => e with { Row = row.Number, Column = ColumnOf(e.Pointer) }));
                if (input is not null && row.Errors.Count == 0) inputs.Add(new ReadInput(input, index, row.Number));
            }
            index++;
        }
        if (index == 0 && errors.Count == 0) errors.Add(new FieldError("", "empty", "the CSV has no data rows") { Row = 2 });
        return (inputs, errors, null);
    }

    /// <summary>The CSV column a feature pointer came from.</summary>
    private static string? ColumnOf(string pointer)
    {
        if (pointer.StartsWith("/geometry")) return "wkt|x,y";
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        return parts[1] switch
        {
            "source" when parts.Length > 2 => parts[2] switch { "url" => "sourceUrl", "contact" when parts.Length > 3 => "contact" + char.ToUpperInvariant(parts[3][0]) + parts[3][1..], var p => p },
            "quantities" when parts.Length > 3 && parts[3] == "unit" => "unit",
            "energy" when parts.Length > 3 && parts[3] == "carrier" => "energyCarrier",
            "energy" when parts.Length > 3 => parts[3],
            var p => p,
        };
    }

    private static void CheckDuplicates(List<ReadInput> inputs, List<FieldError> errors, string format)
    {
        var first = new Dictionary<string, ReadInput>(StringComparer.Ordinal);
        foreach (var r in inputs)
        {
            if (first.TryGetValue(r.Input.ExternalId, out var earlier))
                errors.Add(Locate(new FieldError("/properties/externalId", "duplicateExternalId",
                    $"externalId '{r.Input.ExternalId}' also appears at {(format == "csv" ? $"row {earlier.Row}" : $"feature {earlier.Index}")}"), r, format));
            else first[r.Input.ExternalId] = r;
        }
    }

    private static FieldError Locate(FieldError e, ReadInput r, string format) => format == "csv"
        ? e with { Row = r.Row, Column = ColumnOf(e.Pointer) }
        : e with { Pointer = $"/features/{r.Index}{e.Pointer}", Index = r.Index };

    private static ProblemResult Rejected(List<FieldError> errors)
    {
        var ordered = errors.OrderBy(e => e.Index ?? e.Row ?? 0).ToList();
        var listed = ordered.Take(MaxListedErrors).ToList();
        var summary = $"Nothing was imported: {errors.Count} error{(errors.Count == 1 ? "" : "s")}"
            + (errors.Count > MaxListedErrors ? $" (the first {MaxListedErrors} are listed)" : "");
        var first = listed[0];
        var where = first.Row is { } row ? $"row {row}{(first.Column is { } c ? $", column {c}" : "")}" : $"feature {first.Index}, {first.Pointer}";
        return Problems.BadRequest($"{summary}; the first at {where}: {first.Message}.", listed);
    }

    private static DevelopmentImportReport ToReport(DevelopmentImport i, bool dryRun, int count, HttpRequest request) => new(
        i.Id, i.OwnerCode, i.Format, dryRun, count, i.Created, i.Updated, i.Unchanged, i.CreatedAt,
        [
            new Link($"{request.Scheme}://{request.Host}/api/v1/development-imports/{i.Id}", "self", "application/json"),
            new Link($"{request.Scheme}://{request.Host}/api/v1/developments?owner={i.OwnerCode}", "developments", "application/geo+json"),
        ]);
}
