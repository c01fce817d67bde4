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
        for (var year = fromYear; year <= toYear; year++)
        {
            if (d.DecommissioningYear is { } end && year > end) continue;
            var byCarrier = new SortedDictionary<string, (double Offtake, double FeedIn, double Annual, List<string> Basis)>(StringComparer.Ordinal);
            foreach (var unit in d.Quantities.Select(q => q.Unit).Distinct())
            {
                var inPlace = Latest(d.Quantities.Where(q => q.Unit == unit), q => q.Year, year);
                if (inPlace is null) continue;
                foreach (var rule in rules.RulesFor(d.Kind, unit))
                {
                    var (o, f, a, basis) = byCarrier.TryGetValue(rule.Carrier, out var v) ? v : (0, 0, 0, new List<string>());
                    basis.Add($"{rule.Kind}/{rule.Unit}");
                    byCarrier[rule.Carrier] = (o + inPlace.Value * (rule.PeakOfftakeMw ?? 0), f + inPlace.Value * (rule.PeakFeedInMw ?? 0),
                        a + inPlace.Value * (rule.AnnualEnergyMwh ?? 0), basis);
                }
            }
            if (useStatedEnergy)
            {
                foreach (var carrier in d.Energy.Select(e => e.Carrier).Distinct())
                {
                    var stated = Latest(d.Energy.Where(e => e.Carrier == carrier), e => e.Year, year);
                    if (stated is null) continue;
                    var (o, f, a, basis) = byCarrier.TryGetValue(carrier, out var v) ? v : (0, 0, 0, new List<string>());
                    byCarrier[carrier] = (stated.PeakOfftakeMw ?? o, stated.PeakFeedInMw ?? f, stated.AnnualEnergyMwh ?? a, [.. basis, "stated"]);
                }
            }
            foreach (var (carrier, (o, f, a, basis)) in byCarrier)
                result.Add(new YearLoad(year, carrier, o, f, a, basis));
        }
        return result;
    }

    private static T? Latest<T>(IEnumerable<T> items, Func<T, int> year, int upTo) where T : class =>
        items.Where(i => year(i) <= upTo).MaxBy(year);

    /// <summary>
    /// The coincident peak of several developments' peaks: per sector the sum times the sector's simultaneity factor,
    /// then summed over sectors.
    /// </summary>
    public static double CoincidentPeak(IEnumerable<(string Sector, double PeakMw)> peaks, CalculationRuleSet rules) =>
        peaks.GroupBy(p => p.Sector, StringComparer.Ordinal)
             .Sum(g => g.Sum(p => p.PeakMw) * rules.SimultaneityOf(g.Key));
}
