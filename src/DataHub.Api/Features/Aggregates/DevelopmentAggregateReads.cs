using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using Microsoft.OpenApi;

using DataHub.Api.Features.Analysis;

namespace DataHub.Api.Features.Aggregates;

/// <summary>What an aggregate asks: the level, the areas, the years and the codes it counts.</summary>
public sealed record AggregateQuery(string Level, IReadOnlyList<string>? Areas, int From, int To, string[]? Sectors, string[]? PlanTypes, string[]? Certainties)
{

    /// <summary>Reads the parameters as given; every bad one named. The years are the one analysis window's.</summary>
    public static (AggregateQuery? Query, List<FieldError> Errors) Read(string? level, string? area, string? fromYear, string? toYear, string? sector, string? planType, string? certainty)
    {
        var errors = new List<FieldError>();
        level = string.IsNullOrEmpty(level) ? "province" : level;
        if (Array.IndexOf(CodeLists.AreaLevels, level) < 0) errors.Add(new FieldError("", "invalidValue", $"level is one of {string.Join(", ", CodeLists.AreaLevels)}") { Parameter = "level" });
        var (window, windowErrors) = AnalysisWindow.Read(null, null, fromYear, toYear);
        errors.AddRange(windowErrors);
        string[]? Codes(string name, string? raw, string[]? known)
        {
            if (string.IsNullOrEmpty(raw)) return null;
            var values = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var v in values.Where(v => known is not null && !CodeLists.IsKnown(known, v)))
                errors.Add(new FieldError("", "invalidValue", $"'{v}' is not a known {name}") { Parameter = name });
            return values;
        }
        var areas = Codes("area", area, null);
        var sectors = Codes("sector", sector, CodeLists.Sectors);
        var planTypes = Codes("planType", planType, CodeLists.PlanTypes);
        var certainties = Codes("certainty", certainty, CodeLists.Certainties);
        return errors.Count > 0 ? (null, errors) : (new AggregateQuery(level, areas, window!.From, window.To, sectors, planTypes, certainties), errors);
    }
}

/// <summary>
/// Totals of quantities (per unit) and counts of developments by fixed area × year × sector × plan type × certainty,
/// for every surface. Records the caller may see in detail count freely; records it may only see aggregated (an
/// active agreement) count under disclosure control, computed once over every level so that no query, or pair of
/// queries, reveals a withheld cell. Every owner whose restricted data was counted gets an audit event.
/// </summary>
public sealed class DevelopmentAggregateReads(DataHubDb db, AuditTrail audit, IOptions<DataHubOptions> options)
{
    public async Task<AggregateResult> GetAsync(AccessScope scope, AggregateQuery query, DateTime? asOf, CancellationToken ct)
    {
        var (level, areas, from, to) = (query.Level, query.Areas, query.From, query.To);
        var (sectors, planTypes, certainties) = (query.Sectors, query.PlanTypes, query.Certainties);
        var rows = db.DevelopmentVersions.AsNoTracking().LiveAt(asOf).Where(AccessPolicy.SeesAggregate(scope));
        if (sectors is not null) rows = rows.Where(v => sectors.Contains(v.Sector));
        if (planTypes is not null) rows = rows.Where(v => planTypes.Contains(v.PlanType));
        if (certainties is not null) rows = rows.Where(v => certainties.Contains(v.Certainty));
        var noGeometry = NetTopologySuite.Geometries.Point.Empty; // a variable, so EF treats it as a parameter, not a constant
        var slim = await rows.Select(v => new DevelopmentVersion
        {
            DevelopmentId = v.DevelopmentId, OwnerCode = v.OwnerCode, Visibility = v.Visibility, PlanType = v.PlanType, Sector = v.Sector,
            Certainty = v.Certainty, MunicipalityCode = v.MunicipalityCode, ProvinceCode = v.ProvinceCode, ResRegionCode = v.ResRegionCode,
            DecommissioningYear = v.DecommissioningYear, QuantitiesJson = v.QuantitiesJson,
            ExternalId = "", ChangedBy = "", ChangeKind = "", Name = "", Kind = "", AssetType = "", OtherMunicipalityCodes = "",
            Geometry = noGeometry, EnergyJson = "", CarriersJson = "", SourceJson = "", ContentHash = "",
        }).ToListAsync(ct);

        Func<DevelopmentVersion, bool> seesDetail = scope.SeesDetail;
        var disclosure = options.Value.DisclosureControl;
        var cells = AggregateCells.Build(slim, seesDetail, from, to);
        DisclosureControl.Apply(cells, AggregateCells.ParentsOf, disclosure);

        var restrictedOwners = slim.Where(v => !seesDetail(v)).Select(v => v.OwnerCode).Distinct().ToList();
        foreach (var owner in restrictedOwners)
            audit.Write(scope.Caller, "aggregate", "development", null, owner, slim.Count(v => v.OwnerCode == owner && !seesDetail(v)), $"level={level}");
        if (restrictedOwners.Count > 0) await db.SaveChangesAsync(ct);

        var output = cells.Values
            .Where(c => c.Key.Level == level && (areas is null || areas.Contains(c.Key.Area)))
            .OrderBy(c => c.Key.Area, StringComparer.Ordinal).ThenBy(c => c.Key.Year).ThenBy(c => c.Key.Sector, StringComparer.Ordinal)
            .ThenBy(c => c.Key.PlanType, StringComparer.Ordinal).ThenBy(c => c.Key.Certainty, StringComparer.Ordinal).ThenBy(c => c.Key.Unit, StringComparer.Ordinal)
            .Select(c => new AggregateCell(c.Key.Area, c.Key.Year, c.Key.Sector, c.Key.PlanType, c.Key.Certainty, c.Key.Unit,
                c.Suppressed ? null : c.Count, c.Suppressed ? null : Math.Round(c.Total, 6), c.Suppressed, c.SuppressedBecause))
            .ToList();
        return new AggregateResult(level, from, to, disclosure.MinOwners, disclosure.MaxDominancePercent, output, output.Count);
    }

}

/// <summary>The aggregate cells at every level and how they nest: pure.</summary>
public static class AggregateCells
{
    public const string Unassigned = "unassigned";

    /// <summary>
    /// Every cell at every level. Each development counts in its municipality and in that municipality's RES region and
    /// province (from the CBS catalogue, so children always add up to their parent), and nationally; developments
    /// outside every municipality (at sea) count under "unassigned".
    /// </summary>
    public static Dictionary<CellKey, Cell> Build(IEnumerable<DevelopmentVersion> rows, Func<DevelopmentVersion, bool> seesDetail, int from, int to)
    {
        var cells = new Dictionary<CellKey, Cell>();
        var catalogue = AreaCatalogue.Instance;
        foreach (var row in rows)
        {
            var quantities = JsonSerializer.Deserialize<List<Quantity>>(row.QuantitiesJson, DevelopmentMapping.StoredJson)!;
            var restricted = !seesDetail(row);
            var municipality = row.MunicipalityCode is { } m && catalogue.ByCode.TryGetValue(m, out var info) ? info : null;
            var places = new[]
            {
                ("municipality", municipality?.Code ?? Unassigned), ("resRegion", municipality?.ResRegionCode ?? Unassigned),
                ("province", municipality?.ProvinceCode ?? Unassigned), ("national", "NL"),
            };
            for (var year = from; year <= to; year++)
            {
                if (row.DecommissioningYear is { } end && end < year) continue;
                foreach (var unit in quantities.Select(x => x.Unit).Distinct())
                {
                    // The quantity in place at the end of the year: the latest stated value up to that year.
                    var latest = quantities.Where(x => x.Unit == unit && x.Year <= year).MaxBy(x => x.Year);
                    if (latest is null) continue;
                    foreach (var (lvl, area) in places)
                    {
                        var key = new CellKey(lvl, area, year, row.Sector, row.PlanType, row.Certainty, unit);
                        (cells.TryGetValue(key, out var cell) ? cell : cells[key] = new Cell(key)).Add(row.OwnerCode, latest.Value, restricted);
                    }
                }
            }
        }
        return cells;
    }

    /// <summary>The fixed hierarchy: municipality ⊂ RES region and province; RES region and province ⊂ the Netherlands.</summary>
    public static IEnumerable<CellKey> ParentsOf(CellKey key)
    {
        switch (key.Level)
        {
            case "municipality":
                var m = AreaCatalogue.Instance.ByCode.GetValueOrDefault(key.Area);
                yield return key.InArea("resRegion", m?.ResRegionCode ?? Unassigned);
                yield return key.InArea("province", m?.ProvinceCode ?? Unassigned);
                break;
            case "resRegion" or "province":
                yield return key.InArea("national", "NL");
                break;
        }
    }
}
