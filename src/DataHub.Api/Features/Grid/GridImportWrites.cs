using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Grid;

/// <summary>
/// Grid data pushed by grid operators: the capacity map, energy-area boundaries with capacity per year, and stations.
/// Only a grid operator's Submitters write, and only their own grid (the operator is the caller's organisation). Each
/// import is all or nothing: every error is named with its pointer and then nothing is stored.
/// </summary>
public sealed class GridImportWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    private const string Raced = "Another import changed these areas meanwhile; nothing was stored. Retry.";

    /// <summary>A capacity map (im-capaciteitskaart v1.3) as delivered: upsert on short code, versioned.</summary>
    public async Task<Outcome<CapacityMapImportReport>> CapacityMapAsync(AccessScope scope, JsonElement document, bool dryRun, CancellationToken ct)
    {
        if (RoleGates.GridSubmitter.Check(scope) is { } denied) return denied;
        var errors = new ErrorCollector();
        var (header, inputs) = CapacityMapReader.Read(document, errors);
        if (errors.HasErrors) return Problems.Validation(errors.Errors, "Nothing was imported: the capacity map is not valid");

        var op = scope.Organisation!; // the GridSubmitter gate checked it
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
            return GridImportReads.ToReport(import) with { Id = null, DryRun = true };
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var input in inputs)
        {
            var hash = input.ContentHash();
            var existing = current.GetValueOrDefault(input.ShortCode);
            if (existing?.ContentHash == hash) { import.Unchanged++; continue; }
            if (existing is not null)
            {
                if (!await CloseAsync(existing, now, ct)) return Problems.Conflict(Raced);
                import.Updated++;
            }
            else import.Created++;
            db.EnergyAreaVersions.Add(ToRow(input, existing, op, import, hash, now));
        }
        db.CapacityMapImports.Add(import);
        audit.Write(scope.Caller, "import", "capacityMap", import.Id.ToString(), op, import.Created + import.Updated);
        if (!await db.TrySaveAsync(ct)) return Problems.Conflict(Raced);
        await tx.CommitAsync(ct);
        return GridImportReads.ToReport(import);
    }

    /// <summary>Boundaries and capacity per year of the operator's energy areas (a GeoJSON FeatureCollection in <paramref name="crs"/>).</summary>
    public async Task<Outcome<EnergyAreaImportReport>> EnergyAreasAsync(AccessScope scope, JsonElement document, Crs crs, bool dryRun, CancellationToken ct)
    {
        if (RoleGates.GridSubmitter.Check(scope) is { } denied) return denied;
        if (Features(document, "an energy-area import is a GeoJSON FeatureCollection", out var features) is { } notACollection) return notACollection;
        var op = scope.Organisation!; // the GridSubmitter gate checked it
        var current = await db.EnergyAreaVersions.Where(a => a.OperatorCode == op && a.ValidTo == null).AsNoTracking().ToDictionaryAsync(a => a.ShortCode, ct);
        var errors = new List<FieldError>();
        var inputs = new List<EnergyAreaDetailsInput>();
        var seen = new HashSet<string>();
        var i = 0;
        foreach (var f in features.EnumerateArray())
        {
            var collector = new ErrorCollector($"/features/{i}");
            var input = EnergyAreaDetailsReader.Read(f, crs, collector);
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
                if (Unchanged(input, JsonSerializer.Serialize(input.Capacity, DevelopmentMapping.StoredJson))) unchanged++; else updated++;
            return new EnergyAreaImportReport(null, op, updated, unchanged, DryRun: true);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var input in inputs)
        {
            var existing = current[input.ShortCode];
            var capacity = JsonSerializer.Serialize(input.Capacity, DevelopmentMapping.StoredJson);
            if (Unchanged(input, capacity)) { unchanged++; continue; }
            if (!await CloseAsync(existing, now, ct)) return Problems.Conflict(Raced);
            var next = existing.NextVersion(now, importId, scope.Caller.Subject);
            next.Geometry = input.Geometry;
            next.CapacityJson = capacity;
            db.EnergyAreaVersions.Add(next);
            updated++;
        }
        audit.Write(scope.Caller, "import", "energyAreas", importId.ToString(), op, updated);
        if (!await db.TrySaveAsync(ct)) return Problems.Conflict(Raced);
        await tx.CommitAsync(ct);
        return new EnergyAreaImportReport(importId, op, updated, unchanged);
    }

    /// <summary>The operator's stations as GeoJSON points (in <paramref name="crs"/>): upsert on code, versioned.</summary>
    public async Task<Outcome<StationImportReport>> StationsAsync(AccessScope scope, JsonElement document, Crs crs, CancellationToken ct)
    {
        const string raced = "Another import changed these stations meanwhile; nothing was stored. Retry.";
        if (RoleGates.GridSubmitter.Check(scope) is { } denied) return denied;
        if (Features(document, "a station import is a GeoJSON FeatureCollection", out var features) is { } notACollection) return notACollection;
        var errors = new ErrorCollector();
        var inputs = new List<StationInput>();
        var i = 0;
        foreach (var f in features.EnumerateArray())
            if (StationReader.Read(f, crs, errors, $"/features/{i++}") is { } s)
            {
                if (inputs.Any(x => x.Code == s.Code)) errors.Add($"/features/{i - 1}/properties/code", "duplicate", $"code '{s.Code}' appears twice");
                else inputs.Add(s);
            }
        if (errors.HasErrors) return Problems.Validation(errors.Errors, "Nothing was imported");
        var op = scope.Organisation!; // the GridSubmitter gate checked it
        var current = await db.StationVersions.AsNoTracking().Where(s => s.OperatorCode == op && s.ValidTo == null).ToDictionaryAsync(s => s.Code, ct);
        var now = store.Now();
        var report = new StationImportReport(op, 0, 0, 0);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var s in inputs)
        {
            var voltages = JsonSerializer.Serialize(s.VoltagesKv);
            var existing = current.GetValueOrDefault(s.Code);
            if (existing is not null && existing.Name == s.Name && existing.VoltagesJson == voltages && existing.EnergyAreaShortCode == s.EnergyAreaShortCode
                && existing.Geometry.EqualsExact(s.Location)) { report = report with { Unchanged = report.Unchanged + 1 }; continue; }
            if (existing is not null)
            {
                if (await db.StationVersions.Where(x => x.RowId == existing.RowId && x.ValidTo == null).ExecuteUpdateAsync(x => x.SetProperty(v => v.ValidTo, now), ct) != 1)
                    return Problems.Conflict(raced);
                report = report with { Updated = report.Updated + 1 };
            }
            else report = report with { Created = report.Created + 1 };
            db.StationVersions.Add(new StationVersion
            {
                StationId = existing?.StationId ?? Guid.CreateVersion7(now), Version = (existing?.Version ?? 0) + 1, ValidFrom = now, OperatorCode = op,
                Code = s.Code, Name = s.Name, VoltagesJson = voltages, EnergyAreaShortCode = s.EnergyAreaShortCode, Geometry = s.Location,
                ChangedBy = scope.Caller.Subject, CreatedAt = existing?.CreatedAt ?? now,
            });
        }
        audit.Write(scope.Caller, "import", "stations", null, op, report.Created + report.Updated);
        if (!await db.TrySaveAsync(ct)) return Problems.Conflict(raced);
        await tx.CommitAsync(ct);
        return report;
    }

    /// <summary>The document's features array, or a 400 when it is not a FeatureCollection.</summary>
    private static ProblemResult? Features(JsonElement document, string message, out JsonElement features)
    {
        features = default;
        return document.ValueKind == JsonValueKind.Object && document.TryGetProperty("features", out features) && features.ValueKind == JsonValueKind.Array
            ? null : Problems.Validation([new FieldError("/features", "required", message)]);
    }

    /// <summary>Closes an area's current version; false when another import closed it first.</summary>
    private async Task<bool> CloseAsync(EnergyAreaVersion existing, DateTime now, CancellationToken ct) =>
        await db.EnergyAreaVersions.Where(a => a.RowId == existing.RowId && a.ValidTo == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.ValidTo, now), ct) == 1;

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
}
