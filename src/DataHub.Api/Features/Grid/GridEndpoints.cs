using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Features.Grid;

/// <summary>What a capacity-map import did (or, for a dry run, would do: then without an id).</summary>
public sealed record CapacityMapImportReport(Guid? Id, string Operator, string Identifier, string ConformsTo, string Issued,
    int Created, int Updated, int Unchanged, DateTime CreatedAt, bool DryRun = false);

public sealed record EnergyAreaResponse(
    Guid Id, string Operator, string ShortCode, string Kind, string? Description,
    CapacityFigures Demand, CapacityFigures Generation,
    System.Text.Json.JsonElement Works, System.Text.Json.JsonElement PostcodeAreas,
    NetTopologySuite.Geometries.Geometry? Geometry, IReadOnlyList<CapacityYear> Capacity, int Version, DateTime UpdatedAt,
    IReadOnlyList<CongestionAreaLink> CongestionAreas);

/// <summary>
/// A DSO energy area's link to the TSO congestion area it lies in, for demand or generation, as the capacity map
/// states it (<c>demand_energy_area_short_code</c> / <c>generation_energy_area_short_code</c>); <c>id</c> and
/// <c>operator</c> are filled when the hub holds that congestion area.
/// </summary>
public sealed record CongestionAreaLink(string Direction, string ShortCode, Guid? Id, string? Operator);

public sealed record EnergyAreaImportReport(Guid? Id, string Operator, int Updated, int Unchanged, bool DryRun = false);

public sealed record CapacityFigures(double? AvailableMw, double? QuotedMw, double? InQueueMw, int? RequestsInQueue, double? ForecastMw,
    int? AlleviationYear, string? Constraint, string? CongestionAreaCode);

public sealed record EnergyAreaList(IReadOnlyList<EnergyAreaResponse> Items, int NumberReturned);

/// <summary>
/// Grid data pushed by grid operators. Only a grid operator's Submitters write, and only its own areas (the operator
/// is the caller's organisation). The capacity map is open data (Netbeheer Nederland publishes it), so energy areas
/// are public to read.
/// </summary>
public static class GridEndpoints
{
    public static RouteGroupBuilder MapGrid(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/capacity-map-imports").WithTags("Grid");
        imports.MapPost("", Import).WithName("createCapacityMapImport")
            .WithSummary("A grid operator's capacity-map file (im-capaciteitskaart v1.3) as delivered: all or nothing, upsert on short code")
            .Accepts<object>("application/json")
            .WithQuery("dryRun", "validate and report what would change without storing anything", Microsoft.OpenApi.JsonSchemaType.Boolean)
            .Produces<CapacityMapImportReport>(201).Produces<CapacityMapImportReport>(200).WithProblems(400, 401, 403, 409, 413, 415);
        imports.MapGet("/{id:guid}", GetImport).WithName("getCapacityMapImport").WithSummary("What a capacity-map import changed (the operator only)")
            .Produces<CapacityMapImportReport>().WithProblems(400, 404);
        api.MapPost("/energy-area-imports", ImportDetails).WithTags("Grid").WithName("createEnergyAreaImport")
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

    public static async Task<IResult> Import(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (SubmissionRules.GridWriter(scope, "Capacity maps") is { } denied) return denied;
        var (dryRun, dryRunProblem) = RequestBody.DryRun(http.Request.Query);
        if (dryRunProblem is not null) return dryRunProblem;
        var limits = options.Value.Limits;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, new LimitOptions { MaxBodyBytes = limits.MaxImportBodyBytes, MaxJsonDepth = limits.MaxJsonDepth },
            ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            var errors = new ErrorCollector();
            var (header, inputs) = CapacityMapReader.Read(doc!.RootElement, errors);
            if (errors.HasErrors) return Problems.Validation(errors.Errors, "Nothing was imported: the capacity map is not valid");

            var op = scope.Organisation!; // GridWriter checked it
            var current = await db.EnergyAreaVersions.AsNoTracking().Where(a => a.OperatorCode == op && a.ValidTo == null).ToDictionaryAsync(a => a.ShortCode, ct);
            var now = store.Now();
            var import = new CapacityMapImport
            {
                Id = Guid.CreateVersion7(now), OperatorCode = op, Identifier = header!.Identifier, ConformsTo = header.ConformsTo, Issued = header.Issued,
                ChangedBy = scope.Caller.Subject, CreatedAt = now,
            };
            if (dryRun)
            {
                foreach (var input in inputs)
                {
                    var existing = current.GetValueOrDefault(input.ShortCode);
                    if (existing is null) import.Created++;
                    else if (existing.ContentHash == input.ContentHash()) import.Unchanged++;
                    else import.Updated++;
                }
                return TypedResults.Ok(ToReport(import) with { Id = null, DryRun = true });
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var input in inputs)
            {
                var hash = input.ContentHash();
                var existing = current.GetValueOrDefault(input.ShortCode);
                if (existing?.ContentHash == hash) { import.Unchanged++; continue; }
                if (existing is not null)
                {
                    var closed = await db.EnergyAreaVersions.Where(a => a.RowId == existing.RowId && a.ValidTo == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.ValidTo, now), ct);
                    if (closed != 1) return Problems.Conflict("Another import changed these areas meanwhile; nothing was stored. Retry.");
                    import.Updated++;
                }
                else import.Created++;
                db.EnergyAreaVersions.Add(ToRow(input, existing, op, import, hash, now));
            }
            db.CapacityMapImports.Add(import);
            audit.Write(scope.Caller, "import", "capacityMap", import.Id.ToString(), op, import.Created + import.Updated);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (VersionedStore.IsUniqueViolation(e))
            {
                return Problems.Conflict("Another import changed these areas meanwhile; nothing was stored. Retry.");
            }
            return TypedResults.Created($"/api/v1/capacity-map-imports/{import.Id}", ToReport(import));
        }
    }

    public static async Task<IResult> ImportDetails(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (SubmissionRules.GridWriter(scope, "Energy areas") is { } denied) return denied;
        var (dryRun, dryRunProblem) = RequestBody.DryRun(http.Request.Query);
        if (dryRunProblem is not null) return dryRunProblem;
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return crsProblem;
        var limits = options.Value.Limits;
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, new LimitOptions { MaxBodyBytes = limits.MaxImportBodyBytes, MaxJsonDepth = limits.MaxJsonDepth },
            RequestBody.GeoJsonTypes, ct);
        if (problem is not null) return problem;
        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != System.Text.Json.JsonValueKind.Array)
                return Problems.Validation([new FieldError("/features", "required", "an energy-area import is a GeoJSON FeatureCollection")]);
            var op = scope.Organisation!; // GridWriter checked it
            var current = await db.EnergyAreaVersions.Where(a => a.OperatorCode == op && a.ValidTo == null).AsNoTracking().ToDictionaryAsync(a => a.ShortCode, ct);
            var errors = new List<FieldError>();
            var inputs = new List<EnergyAreaDetailsInput>();
            var seen = new HashSet<string>();
            var i = 0;
            foreach (var f in features.EnumerateArray())
            {
                var collector = new ErrorCollector($"/features/{i}");
                var input = EnergyAreaDetailsReader.Read(f, crs!, collector);
                var index = i;
                errors.AddRange(collector.Errors.Select(e => e with { Index = index }));
                if (input is not null)
                {
                    if (!current.ContainsKey(input.ShortCode))
                        errors.Add(new FieldError($"/features/{i}/properties/shortCode", "unknownArea",
                            $"{op} has no energy area '{input.ShortCode}'; deliver it in a capacity map first") { Index = i });
                    else if (!seen.Add(input.ShortCode))
                        errors.Add(new FieldError($"/features/{i}/properties/shortCode", "duplicate", $"'{input.ShortCode}' appears twice") { Index = i });
                    else inputs.Add(input);
                }
                i++;
            }
            if (errors.Count > 0) return Problems.Validation(errors, "Nothing was imported");
            var now = store.Now();
            var importId = Guid.CreateVersion7(now);
            var (updated, unchanged) = (0, 0);
            bool Unchanged(EnergyAreaDetailsInput input, string capacity) =>
                current[input.ShortCode] is { Geometry: not null } e && e.Geometry.EqualsExact(input.Geometry) && e.CapacityJson == capacity;
            if (dryRun)
            {
                foreach (var input in inputs)
                    if (Unchanged(input, System.Text.Json.JsonSerializer.Serialize(input.Capacity, DevelopmentMapping.StoredJson))) unchanged++; else updated++;
                return TypedResults.Ok(new EnergyAreaImportReport(null, op, updated, unchanged, DryRun: true));
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var input in inputs)
            {
                var existing = current[input.ShortCode];
                var capacity = System.Text.Json.JsonSerializer.Serialize(input.Capacity, DevelopmentMapping.StoredJson);
                if (Unchanged(input, capacity)) { unchanged++; continue; }
                var closed = await db.EnergyAreaVersions.Where(a => a.RowId == existing.RowId && a.ValidTo == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ValidTo, now), ct);
                if (closed != 1) return Problems.Conflict("Another import changed these areas meanwhile; nothing was stored. Retry.");
                var next = existing.NextVersion(now, importId, scope.Caller.Subject);
                next.Geometry = input.Geometry;
                next.CapacityJson = capacity;
                db.EnergyAreaVersions.Add(next);
                updated++;
            }
            audit.Write(scope.Caller, "import", "energyAreas", importId.ToString(), op, updated);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new EnergyAreaImportReport(importId, op, updated, unchanged));
        }
    }

    public static async Task<IResult> GetImport(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var import = await db.CapacityMapImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OperatorCode == scope.Organisation, ct);
        return import is null ? Problems.NotFound($"There is no capacity-map import {id}.") : TypedResults.Ok(ToReport(import));
    }

    public static async Task<IResult> ListAreas(string? @operator, string? kind, string? congestionArea, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        if (kind is not null && Array.IndexOf(CapacityMapReader.AreaKinds, kind) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", "kind is energy_area or congestion_area") { Parameter = "kind" }]);
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var rows = db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf);
        if (@operator is not null) rows = rows.Where(a => a.OperatorCode == @operator);
        if (kind is not null) rows = rows.Where(a => a.Kind == kind);
        if (congestionArea is not null) rows = rows.Where(a => a.DemandCongestionAreaCode == congestionArea || a.GenerationCongestionAreaCode == congestionArea);
        var found = await rows.OrderBy(a => a.OperatorCode).ThenBy(a => a.ShortCode).ToListAsync(ct);
        var links = await CongestionAreasAsync(db, found, asOf, ct);
        var items = found.Select(a => ToResponse(a, links)).ToList();
        return TypedResults.Ok(new EnergyAreaList(items, items.Count));
    }

    public static async Task<IResult> GetArea(Guid id, DataHubDb db, CancellationToken ct)
    {
        var row = await db.EnergyAreaVersions.AsNoTracking().FirstOrDefaultAsync(a => a.AreaId == id && a.ValidTo == null, ct);
        return row is null ? Problems.NotFound($"There is no energy area {id}.") : TypedResults.Ok(ToResponse(row, await CongestionAreasAsync(db, [row], null, ct)));
    }

    private static EnergyAreaVersion ToRow(EnergyAreaInput i, EnergyAreaVersion? previous, string op, CapacityMapImport import, string hash, DateTime now) => new()
    {
        AreaId = previous?.AreaId ?? Guid.CreateVersion7(now), Version = (previous?.Version ?? 0) + 1, ValidFrom = now, OperatorCode = op,
        ShortCode = i.ShortCode, Kind = i.Kind, Description = i.Description,
        DemandAvailableMw = i.DemandAvailableMw, DemandQuotedMw = i.DemandQuotedMw, DemandInQueueMw = i.DemandInQueueMw,
        DemandRequestsInQueue = i.DemandRequestsInQueue, DemandForecastMw = i.DemandForecastMw, DemandAlleviationYear = i.DemandAlleviationYear,
        DemandConstraint = i.DemandConstraint,
        GenerationAvailableMw = i.GenerationAvailableMw, GenerationQuotedMw = i.GenerationQuotedMw, GenerationInQueueMw = i.GenerationInQueueMw,
        GenerationRequestsInQueue = i.GenerationRequestsInQueue, GenerationForecastMw = i.GenerationForecastMw,
        GenerationAlleviationYear = i.GenerationAlleviationYear, GenerationConstraint = i.GenerationConstraint,
        DemandCongestionAreaCode = i.DemandCongestionAreaCode, GenerationCongestionAreaCode = i.GenerationCongestionAreaCode,
        WorksJson = i.WorksJson, PostcodeAreasJson = i.PostcodeAreasJson, ImportId = import.Id, ChangedBy = import.ChangedBy, ContentHash = hash,
        CreatedAt = previous?.CreatedAt ?? now,
        // What the operator pushed beside the capacity map stays with the area.
        Geometry = previous?.Geometry, CapacityJson = previous?.CapacityJson ?? "[]",
    };

    /// <summary>The congestion areas the given areas refer to, by short code.</summary>
    private static async Task<ILookup<string, EnergyAreaVersion>> CongestionAreasAsync(DataHubDb db, List<EnergyAreaVersion> areas, DateTime? asOf, CancellationToken ct)
    {
        var codes = areas.SelectMany(a => new[] { a.DemandCongestionAreaCode, a.GenerationCongestionAreaCode }).OfType<string>().Distinct().ToList();
        if (codes.Count == 0) return Array.Empty<EnergyAreaVersion>().ToLookup(a => a.ShortCode);
        return (await db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => a.Kind == "congestion_area" && codes.Contains(a.ShortCode))
            .OrderBy(a => a.OperatorCode).ToListAsync(ct)).ToLookup(a => a.ShortCode);
    }

    private static IReadOnlyList<CongestionAreaLink> Links(EnergyAreaVersion a, ILookup<string, EnergyAreaVersion> congestion) =>
        [.. new[] { ("demand", a.DemandCongestionAreaCode), ("generation", a.GenerationCongestionAreaCode) }
            .Where(x => x.Item2 is not null)
            .Select(x => congestion[x.Item2!].FirstOrDefault() is { } c ? new CongestionAreaLink(x.Item1, x.Item2!, c.AreaId, c.OperatorCode) : new CongestionAreaLink(x.Item1, x.Item2!, null, null))];

    private static EnergyAreaResponse ToResponse(EnergyAreaVersion a, ILookup<string, EnergyAreaVersion> congestion) => new(
        a.AreaId, a.OperatorCode, a.ShortCode, a.Kind, a.Description,
        new CapacityFigures(a.DemandAvailableMw, a.DemandQuotedMw, a.DemandInQueueMw, a.DemandRequestsInQueue, a.DemandForecastMw,
            a.DemandAlleviationYear, a.DemandConstraint, a.DemandCongestionAreaCode),
        new CapacityFigures(a.GenerationAvailableMw, a.GenerationQuotedMw, a.GenerationInQueueMw, a.GenerationRequestsInQueue, a.GenerationForecastMw,
            a.GenerationAlleviationYear, a.GenerationConstraint, a.GenerationCongestionAreaCode),
        System.Text.Json.JsonDocument.Parse(a.WorksJson).RootElement.Clone(), System.Text.Json.JsonDocument.Parse(a.PostcodeAreasJson).RootElement.Clone(),
        a.Geometry, System.Text.Json.JsonSerializer.Deserialize<List<CapacityYear>>(a.CapacityJson, DevelopmentMapping.StoredJson)!,
        a.Version, a.ValidFrom, Links(a, congestion));

    private static CapacityMapImportReport ToReport(CapacityMapImport i) =>
        new(i.Id, i.OperatorCode, i.Identifier, i.ConformsTo, i.Issued, i.Created, i.Updated, i.Unchanged, i.CreatedAt);
}
