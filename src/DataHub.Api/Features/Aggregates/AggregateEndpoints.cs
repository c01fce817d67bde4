using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Aggregates;

public sealed record AggregateCell(string Area, int Year, string Sector, string PlanType, string Certainty, string Unit,
    int? Count, double? Total, bool Suppressed, string? SuppressedBecause);

public sealed record AggregateResult(string Level, int FromYear, int ToYear, int MinOwners, double MaxDominancePercent,
    IReadOnlyList<AggregateCell> Cells, int NumberReturned);

/// <summary>
/// GET /development-aggregates: totals of quantities (per unit) and counts of developments by fixed area × year ×
/// sector × plan type × certainty. Records the caller may see in detail count freely; records it may only see
/// aggregated (an active agreement) count under disclosure control, computed once over every level so that no
/// query, or pair of queries, reveals a withheld cell.
/// </summary>
public static class AggregateEndpoints
{
    public const string Unassigned = "unassigned";
    private static readonly string[] Levels = ["municipality", "resRegion", "province", "national"];

    public static RouteGroupBuilder MapDevelopmentAggregates(this RouteGroupBuilder api)
    {
        api.MapGet("/development-aggregates", Get).WithTags("Aggregates").WithName("getDevelopmentAggregates")
            .WithSummary("Quantities and counts per fixed area × year × sector × plan type × certainty, with disclosure control")
            .WithQuery("level", "municipality, resRegion, province (default) or national")
            .WithQuery("area", "area codes at that level, comma-separated (all when absent)")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer)
            .WithQuery("toYear", "last year (default fromYear + 15)", JsonSchemaType.Integer)
            .WithQuery("sector", "sector codes, comma-separated")
            .WithQuery("planType", "plan type codes, comma-separated")
            .WithQuery("certainty", "certainty codes, comma-separated")
            .WithQuery("asOf", "the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339", JsonSchemaType.String, "date-time")
            .Produces<AggregateResult>().WithProblems(400);
        return api;
    }

    public static async Task<IResult> Get(HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var q = http.Request.Query;
        var errors = new List<FieldError>();
        void Error(string p, string m) => errors.Add(new FieldError("", "invalidValue", m) { Parameter = p });
        var level = q["level"].ToString() is { Length: > 0 } l ? l : "province";
        if (Array.IndexOf(Levels, level) < 0) Error("level", $"level is one of {string.Join(", ", Levels)}");
        int Year(string name, int fallback) =>
            q[name].ToString() is { Length: > 0 } t ? (int.TryParse(t, out var y) && y is >= DevelopmentCodes.MinYear and <= DevelopmentCodes.MaxYear ? y : Fail(name)) : fallback;
        int Fail(string name) { Error(name, $"{name} is a year from {DevelopmentCodes.MinYear} to {DevelopmentCodes.MaxYear}"); return 0; }
        var from = Year("fromYear", 2025);
        var to = Year("toYear", from + 15);
        if (to < from || to - from > 50) Error("toYear", "toYear is at most 50 years after fromYear");
        string[]? Codes(string name, string[]? known)
        {
            if (q[name].ToString() is not { Length: > 0 } raw) return null;
            var values = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var v in values.Where(v => known is not null && !DevelopmentCodes.IsKnown(known, v))) Error(name, $"'{v}' is not a known {name}");
            return values;
        }
        var areas = Codes("area", null);
        var sectors = Codes("sector", DevelopmentCodes.Sectors);
        var planTypes = Codes("planType", DevelopmentCodes.PlanTypes);
        var certainties = Codes("certainty", DevelopmentCodes.Certainties);
        var (asOf, asOfProblem) = RequestBody.AsOf(q);
        if (asOfProblem is not null) return asOfProblem;
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");

        var scope = await access.CurrentAsync(ct);
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
        var cells = Build(slim, seesDetail, from, to);
        DisclosureControl.Apply(cells, ParentsOf, disclosure);

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
        return TypedResults.Ok(new AggregateResult(level, from, to, disclosure.MinOwners, disclosure.MaxDominancePercent, output, output.Count));
    }

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
