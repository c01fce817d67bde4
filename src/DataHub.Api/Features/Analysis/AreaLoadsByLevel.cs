namespace DataHub.Api.Features.Analysis;

/// <summary>The load of an administrative area (or NL) in one year, scenario, carrier and sector.</summary>
public sealed record AdminAreaLoad(string Area, int Year, string Scenario, string Carrier, string Sector,
    double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh, int Developments);

/// <summary>
/// Load per municipality, RES region, province or the Netherlands × year × scenario × carrier × sector (pure,
/// deterministic). Each development counts in the areas derived for it on submission (its largest overlap); peaks
/// within a sector are summed and multiplied by the sector's simultaneity factor.
/// </summary>
public static class AreaLoadsByLevel
{
    public static readonly string[] Levels = ["municipality", "resRegion", "province", "national"];

    public sealed record Located(DevelopmentFacts Facts, string? Municipality, string? ResRegion, string? Province);

    public static IReadOnlyList<AdminAreaLoad> Compute(IEnumerable<Located> developments, string level, CalculationRuleSet rules,
        int fromYear, int toYear, IReadOnlyList<string> scenarios)
    {
        var cells = new SortedDictionary<(string Area, int Year, string Scenario, string Carrier, string Sector), (double O, double F, double A, int N)>();
        foreach (var d in developments.OrderBy(d => d.Facts.Id))
        {
            var area = level switch
            {
                "municipality" => d.Municipality,
                "resRegion" => d.ResRegion,
                "province" => d.Province,
                _ => "NL",
            };
            if (area is null) continue;
            var loads = LoadTranslation.Translate(d.Facts, rules, fromYear, toYear);
            foreach (var scenario in scenarios.Where(s => Scenarios.Includes(s, d.Facts.Certainty)))
                foreach (var l in loads)
                {
                    var key = (area, l.Year, scenario, l.Carrier, d.Facts.Sector);
                    var (o, f, a, n) = cells.GetValueOrDefault(key);
                    cells[key] = (o + l.PeakOfftakeMw, f + l.PeakFeedInMw, a + l.AnnualEnergyMwh, n + 1);
                }
        }
        return cells.Select(c => new AdminAreaLoad(c.Key.Area, c.Key.Year, c.Key.Scenario, c.Key.Carrier, c.Key.Sector,
            Math.Round(c.Value.O * rules.SimultaneityOf(c.Key.Sector), 6), Math.Round(c.Value.F * rules.SimultaneityOf(c.Key.Sector), 6),
            Math.Round(c.Value.A, 6), c.Value.N)).ToList();
    }
}
