using DataHub.Api.Features.Aggregates;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// The load of an administrative area (or NL) in one year, scenario, carrier and sector. Withheld cells
/// (<see cref="Suppressed"/>) carry no figures, only the reason.
/// </summary>
public sealed record AdminAreaLoad(string Area, int Year, string Scenario, string Carrier, string Sector,
    double? PeakOfftakeMw, double? PeakFeedInMw, double? AnnualEnergyMwh, int? Developments, bool Suppressed = false, string? SuppressedBecause = null);

/// <summary>
/// Load per municipality, RES region, province or the Netherlands × year × scenario × carrier × sector (pure,
/// deterministic). Each development counts in the municipality derived for it on submission and in that
/// municipality's RES region and province (from the CBS catalogue, so children add up to their parent); peaks within
/// a sector are summed and multiplied by the sector's simultaneity factor. Developments the caller may count in
/// aggregates only are under the same disclosure control as the development aggregates, over the complete set of
/// cells at every level: each of the three figures (offtake, feed-in, annual energy) is judged, and a cell withheld
/// for any of them is withheld whole — the union of sets that each leave no lone withheld child keeps that property.
/// </summary>
public static class AreaLoadsByLevel
{

    /// <summary>A development to count, where it lies, and whether the caller may count it in aggregates only.</summary>
    public sealed record Located(DevelopmentFacts Facts, string? Municipality, string? ResRegion, string? Province, bool AggregateOnly = false);

    public static IReadOnlyList<AdminAreaLoad> Compute(IEnumerable<Located> developments, string level, CalculationRuleSet rules,
        int fromYear, int toYear, IReadOnlyList<string> scenarios, DisclosureOptions? disclosure = null, IReadOnlyCollection<string>? areas = null)
    {
        // One complete set of cells per figure. The disclosure cell key is reused: its PlanType slot carries the
        // scenario and its Unit slot the carrier.
        Dictionary<CellKey, Cell>[] figures = [[], [], []];
        var catalogue = AreaCatalogue.Instance;
        foreach (var d in developments.OrderBy(d => d.Facts.Id))
        {
            var municipality = d.Municipality is { } m && catalogue.ByCode.TryGetValue(m, out var info) ? info : null;
            (string Level, string Area)[] places =
            [
                ("municipality", municipality?.Code ?? d.Municipality ?? AggregateCells.Unassigned),
                ("resRegion", municipality?.ResRegionCode ?? d.ResRegion ?? AggregateCells.Unassigned),
                ("province", municipality?.ProvinceCode ?? d.Province ?? AggregateCells.Unassigned),
                ("national", "NL"),
            ];
            var loads = LoadTranslation.Translate(d.Facts, rules, fromYear, toYear);
            foreach (var scenario in scenarios.Where(s => Scenarios.Includes(s, d.Facts.Certainty)))
                foreach (var l in loads)
                    foreach (var (lvl, area) in places)
                    {
                        var key = new CellKey(lvl, area, l.Year, d.Facts.Sector, scenario, "", l.Carrier);
                        double[] values = [l.PeakOfftakeMw, l.PeakFeedInMw, l.AnnualEnergyMwh];
                        for (var f = 0; f < 3; f++)
                            (figures[f].TryGetValue(key, out var cell) ? cell : figures[f][key] = new Cell(key)).Add(d.Facts.Owner, values[f], d.AggregateOnly);
                    }
        }
        foreach (var cells in figures) DisclosureControl.Apply(cells, AggregateCells.ParentsOf, disclosure ?? new DisclosureOptions());

        return figures[0].Keys
            .Where(k => k.Level == level && (areas is null || areas.Contains(k.Area)))
            .OrderBy(k => k.Area, StringComparer.Ordinal).ThenBy(k => k.Year).ThenBy(k => k.PlanType, StringComparer.Ordinal)
            .ThenBy(k => k.Unit, StringComparer.Ordinal).ThenBy(k => k.Sector, StringComparer.Ordinal)
            .Select(k =>
            {
                var (offtake, feedIn, annual) = (figures[0][k], figures[1][k], figures[2][k]);
                var withheld = offtake.SuppressedBecause ?? feedIn.SuppressedBecause ?? annual.SuppressedBecause;
                if (withheld is not null) return new AdminAreaLoad(k.Area, k.Year, k.PlanType, k.Unit, k.Sector, null, null, null, null, true, withheld);
                var factor = rules.SimultaneityOf(k.Sector);
                return new AdminAreaLoad(k.Area, k.Year, k.PlanType, k.Unit, k.Sector, Math.Round(offtake.Total * factor, 6), Math.Round(feedIn.Total * factor, 6),
                    Math.Round(annual.Total, 6), offtake.Count);
            })
            .ToList();
    }
}
