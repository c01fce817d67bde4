using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Analysis;

/// <summary>What the translation needs of a development (built from a stored version or a quickscan).</summary>
public sealed record DevelopmentFacts(
    Guid Id, string Owner, string Sector, string Kind, string Certainty, int? DecommissioningYear,
    IReadOnlyList<Quantity> Quantities, IReadOnlyList<StatedEnergy> Energy)
{
    /// <summary>The facts of a stored version.</summary>
    public static DevelopmentFacts Of(Data.DevelopmentVersion v) => new(
        v.DevelopmentId, v.OwnerCode, v.Sector, v.Kind, v.Certainty, v.DecommissioningYear,
        DevelopmentMapping.StoredQuantities(v.QuantitiesJson), DevelopmentMapping.StoredEnergy(v.EnergyJson));
}

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

/// <summary>One carrier's load in one year, and what it came from.</summary>
public readonly record struct CarrierLoad(double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh, bool FromRules, bool Stated);

/// <summary>
/// Turns a development into a per-year load series (pure, deterministic). Quantities are cumulative: the value in
/// place in a year is the latest stated value up to that year. Each rule of the set for the development's kind and
/// unit adds value × per-unit load on its carrier. Stated energy overrides, per carrier and field, from the year it
/// is stated (the latest statement up to the year counts). Nothing counts after the decommissioning year.
/// </summary>
public static class LoadTranslation
{
    /// <summary>
    /// The load on one carrier in one year; null when no rule and no statement applies. The one definition of the
    /// translation (<see cref="Translate"/> lists it per carrier). Plain loops and no allocation: the analysis model
    /// evaluates it for every development of the country on a rebuild.
    /// </summary>
    public static CarrierLoad? At(DevelopmentFacts d, CalculationRuleSet rules, int year, string carrier, bool useStatedEnergy = true)
    {
        if (d.DecommissioningYear is { } end && year > end) return null;
        double offtake = 0, feedIn = 0, annual = 0;
        var fromRules = false;
        for (var i = 0; i < d.Quantities.Count; i++)
        {
            if (!FirstOfUnit(d.Quantities, i)) continue;
            var inPlace = InPlace(d.Quantities, d.Quantities[i].Unit, year);
            if (inPlace is null) continue;
            foreach (var rule in rules.RulesFor(d.Kind, inPlace.Unit))
            {
                if (rule.Carrier != carrier) continue;
                offtake += inPlace.Value * (rule.PeakOfftakeMw ?? 0);
                feedIn += inPlace.Value * (rule.PeakFeedInMw ?? 0);
                annual += inPlace.Value * (rule.AnnualEnergyMwh ?? 0);
                fromRules = true;
            }
        }
        StatedEnergy? stated = null;
        if (useStatedEnergy)
            foreach (var e in d.Energy)
                if (e.Carrier == carrier && e.Year <= year && (stated is null || e.Year > stated.Year)) stated = e;
        if (stated is not null)
            return new CarrierLoad(stated.PeakOfftakeMw ?? offtake, stated.PeakFeedInMw ?? feedIn, stated.AnnualEnergyMwh ?? annual, fromRules, true);
        return fromRules ? new CarrierLoad(offtake, feedIn, annual, true, false) : null;
    }

    /// <summary>Every carrier's load per year, carriers in code order, each with its basis: the rules ("kind/unit") and "stated".</summary>
    public static IReadOnlyList<YearLoad> Translate(DevelopmentFacts d, CalculationRuleSet rules, int fromYear, int toYear, bool useStatedEnergy = true)
    {
        var result = new List<YearLoad>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var basis = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i < d.Quantities.Count; i++)
            {
                if (!FirstOfUnit(d.Quantities, i) || InPlace(d.Quantities, d.Quantities[i].Unit, year) is null) continue;
                foreach (var rule in rules.RulesFor(d.Kind, d.Quantities[i].Unit))
                    (basis.TryGetValue(rule.Carrier, out var list) ? list : basis[rule.Carrier] = []).Add($"{rule.Kind}/{rule.Unit}");
            }
            if (useStatedEnergy)
                foreach (var e in d.Energy)
                    if (e.Year <= year && !basis.ContainsKey(e.Carrier)) basis[e.Carrier] = [];
            foreach (var (carrier, from) in basis)
                if (At(d, rules, year, carrier, useStatedEnergy) is { } l)
                    result.Add(new YearLoad(year, carrier, l.PeakOfftakeMw, l.PeakFeedInMw, l.AnnualEnergyMwh, l.Stated ? [.. from, "stated"] : from));
        }
        return result;
    }

    private static bool FirstOfUnit(IReadOnlyList<Quantity> quantities, int index)
    {
        for (var j = 0; j < index; j++) if (quantities[j].Unit == quantities[index].Unit) return false;
        return true;
    }

    /// <summary>The quantity in place in a year: the latest stated up to it (the first of equal years).</summary>
    private static Quantity? InPlace(IReadOnlyList<Quantity> quantities, string unit, int year)
    {
        Quantity? inPlace = null;
        foreach (var q in quantities)
            if (q.Unit == unit && q.Year <= year && (inPlace is null || q.Year > inPlace.Year)) inPlace = q;
        return inPlace;
    }

    /// <summary>
    /// The coincident peak of several developments' peaks: per sector the sum times the sector's simultaneity factor,
    /// then summed over sectors.
    /// </summary>
    public static double CoincidentPeak(IEnumerable<(string Sector, double PeakMw)> peaks, CalculationRuleSet rules) =>
        peaks.GroupBy(p => p.Sector, StringComparer.Ordinal)
             .Sum(g => g.Sum(p => p.PeakMw) * rules.SimultaneityOf(g.Key));
}
