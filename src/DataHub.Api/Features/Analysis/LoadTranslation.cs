using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Analysis;

/// <summary>What the translation needs of a development (built from a stored version or a quickscan).</summary>
public sealed record DevelopmentFacts(
    Guid Id, string Owner, string Sector, string Kind, string Certainty, int? DecommissioningYear,
    IReadOnlyList<Quantity> Quantities, IReadOnlyList<StatedEnergy> Energy);

/// <summary>One year's load on one carrier, and what it was computed from ("stated", or the rule "kind/unit").</summary>
public sealed record YearLoad(int Year, string Carrier, double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh, IReadOnlyList<string> Basis);

/// <summary>The planning scenarios: which certainty classes count.</summary>
public static class Scenarios
{
    public const string Committed = "committed";
    public const string Expected = "expected";
    public const string Ambition = "ambition";
    public static readonly string[] All = [Committed, Expected, Ambition];

    /// <summary>committed = realised up to permitted; expected = plus in procedure and planned; ambition = everything.</summary>
    public static bool Includes(string scenario, string certainty) => scenario switch
    {
        Committed => certainty is "realised" or "underConstruction" or "permitted",
        Expected => certainty is not "ambition",
        Ambition => true,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };
}

/// <summary>
/// Turns a development into a per-year load series (pure, deterministic). Quantities are cumulative: the value in
/// place in a year is the latest stated value up to that year. Each rule of the set for the development's kind and
/// unit adds value × per-unit load on its carrier. Stated energy overrides, per carrier and field, from the year it
/// is stated (the latest statement up to the year counts). Nothing counts after the decommissioning year.
/// </summary>
public static class LoadTranslation
{
    public static IReadOnlyList<YearLoad> Translate(DevelopmentFacts d, CalculationRuleSet rules, int fromYear, int toYear, bool useStatedEnergy = true)
    {
        var result = new List<YearLoad>();
        // Plain loops, not LINQ: the analysis model translates every development of the country on a rebuild.
        var units = new List<string>(2);
        foreach (var q in d.Quantities) if (!units.Contains(q.Unit)) units.Add(q.Unit);
        var carriers = new List<string>(1);
        if (useStatedEnergy) foreach (var e in d.Energy) if (!carriers.Contains(e.Carrier)) carriers.Add(e.Carrier);
        for (var year = fromYear; year <= toYear; year++)
        {
            if (d.DecommissioningYear is { } end && year > end) continue;
            var byCarrier = new SortedDictionary<string, (double Offtake, double FeedIn, double Annual, List<string> Basis)>(StringComparer.Ordinal);
            foreach (var unit in units)
            {
                Quantity? inPlace = null;
                foreach (var q in d.Quantities)
                    if (q.Unit == unit && q.Year <= year && (inPlace is null || q.Year > inPlace.Year)) inPlace = q;
                if (inPlace is null) continue;
                foreach (var rule in rules.RulesFor(d.Kind, unit))
                {
                    var (o, f, a, basis) = byCarrier.TryGetValue(rule.Carrier, out var v) ? v : (0, 0, 0, new List<string>());
                    basis.Add($"{rule.Kind}/{rule.Unit}");
                    byCarrier[rule.Carrier] = (o + inPlace.Value * (rule.PeakOfftakeMw ?? 0), f + inPlace.Value * (rule.PeakFeedInMw ?? 0),
                        a + inPlace.Value * (rule.AnnualEnergyMwh ?? 0), basis);
                }
            }
            foreach (var carrier in carriers)
            {
                StatedEnergy? stated = null;
                foreach (var e in d.Energy)
                    if (e.Carrier == carrier && e.Year <= year && (stated is null || e.Year > stated.Year)) stated = e;
                if (stated is null) continue;
                var (o, f, a, basis) = byCarrier.TryGetValue(carrier, out var v) ? v : (0, 0, 0, new List<string>());
                byCarrier[carrier] = (stated.PeakOfftakeMw ?? o, stated.PeakFeedInMw ?? f, stated.AnnualEnergyMwh ?? a, [.. basis, "stated"]);
            }
            foreach (var (carrier, (o, f, a, basis)) in byCarrier)
                result.Add(new YearLoad(year, carrier, o, f, a, basis));
        }
        return result;
    }

    /// <summary>
    /// The coincident peak of several developments' peaks: per sector the sum times the sector's simultaneity factor,
    /// then summed over sectors.
    /// </summary>
    public static double CoincidentPeak(IEnumerable<(string Sector, double PeakMw)> peaks, CalculationRuleSet rules) =>
        peaks.GroupBy(p => p.Sector, StringComparer.Ordinal)
             .Sum(g => g.Sum(p => p.PeakMw) * rules.SimultaneityOf(g.Key));
}
