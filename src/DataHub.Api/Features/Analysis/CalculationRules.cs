namespace DataHub.Api.Features.Analysis;

/// <summary>One rule of thumb (kengetal): per unit of a kind, the load it puts on one carrier.</summary>
public sealed record CalculationRule(string Kind, string Unit, string Carrier, double? PeakOfftakeMw, double? PeakFeedInMw, double? AnnualEnergyMwh, string Source);

/// <summary>The factor that turns a sector's summed individual peaks into its coincident peak.</summary>
public sealed record SimultaneityFactor(string Sector, double Factor, string Source);

/// <summary>Which organisation approved a rule set, for which programme cycle.</summary>
public sealed record RuleSetApproval(string Organisation, string Cycle, DateOnly? Date = null);

/// <summary>A versioned set of calculation rules with its simultaneity factors, source and approvals.</summary>
public sealed record CalculationRuleSet(
    string Code, string Version, string Name, string Description, string Status,
    IReadOnlyList<RuleSetApproval> Approvals, IReadOnlyList<SimultaneityFactor> Simultaneity, IReadOnlyList<CalculationRule> Rules)
{
    public string Id => $"{Code}@{Version}";

    public double SimultaneityOf(string sector) => Simultaneity.FirstOrDefault(s => s.Sector == sector)?.Factor ?? 1.0;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CalculationRuleSet, Dictionary<(string, string), CalculationRule[]>> ByKindAndUnit = new();

    /// <summary>The rules for a kind and unit, in the set's order (looked up, not scanned: the analysis asks this millions of times).</summary>
    public IReadOnlyList<CalculationRule> RulesFor(string kind, string unit) =>
        ByKindAndUnit.GetValue(this, set => set.Rules.GroupBy(r => (r.Kind, r.Unit)).ToDictionary(g => g.Key, g => g.ToArray()))
            .TryGetValue((kind, unit), out var rules) ? rules : [];
}
