using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// The calculation rule sets the hub ships (Resources/calculation-rules/*.json), checked on load: every sector, unit
/// and carrier must be a code of the exchange standard, and each (kind, unit, carrier) has at most one rule.
/// </summary>
public sealed class RuleSetCatalogue
{
    public const string DefaultId = "datahub-default@2026.1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<RuleSetCatalogue> Shared = new(() => new RuleSetCatalogue());
    public static RuleSetCatalogue Instance => Shared.Value;

    public IReadOnlyList<CalculationRuleSet> Sets { get; }

    private RuleSetCatalogue()
    {
        var assembly = typeof(RuleSetCatalogue).Assembly;
        Sets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("DataHub.Api.Resources.calculation_rules.", StringComparison.Ordinal) /* MSBuild writes the folder with an underscore */ && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Check(JsonSerializer.Deserialize<CalculationRuleSet>(stream, Json) ?? throw new InvalidOperationException($"{n} is empty"), n);
            })
            .ToList();
    }

    public CalculationRuleSet? Find(string id) => Sets.FirstOrDefault(s => s.Id == id);

    public CalculationRuleSet Default => Find(DefaultId) ?? throw new InvalidOperationException($"the default rule set {DefaultId} is missing");

    public static CalculationRuleSet Check(CalculationRuleSet set, string origin)
    {
        var problems = new List<string>();
        foreach (var s in set.Simultaneity)
        {
            if (!CodeLists.IsKnown(CodeLists.Sectors, s.Sector)) problems.Add($"unknown sector {s.Sector}");
            if (s.Factor is <= 0 or > 1) problems.Add($"simultaneity of {s.Sector} must be in (0, 1]");
        }
        foreach (var r in set.Rules)
        {
            if (!CodeLists.IsKnown(CodeLists.Units, r.Unit)) problems.Add($"unknown unit {r.Unit} ({r.Kind})");
            if (!CodeLists.IsKnown(CodeLists.Carriers, r.Carrier)) problems.Add($"unknown carrier {r.Carrier} ({r.Kind})");
            if (new[] { r.PeakOfftakeMw, r.PeakFeedInMw, r.AnnualEnergyMwh }.Any(v => v is < 0)) problems.Add($"negative value in {r.Kind}/{r.Unit}");
            if (string.IsNullOrWhiteSpace(r.Source)) problems.Add($"{r.Kind}/{r.Unit} has no source or assumption");
        }
        foreach (var dup in set.Rules.GroupBy(r => (r.Kind, r.Unit, r.Carrier)).Where(g => g.Count() > 1))
            problems.Add($"two rules for {dup.Key.Kind}/{dup.Key.Unit}/{dup.Key.Carrier}");
        return problems.Count == 0 ? set : throw new InvalidOperationException($"{origin}: {string.Join("; ", problems)}");
    }
}
