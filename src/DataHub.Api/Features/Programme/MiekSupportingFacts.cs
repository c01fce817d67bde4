using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Programme;

/// <summary>Criterion A's supporting fact: the developments behind the project the caller may see, and what they bring.</summary>
public sealed record SupportingFactA(int Developments, double Homes, IReadOnlyDictionary<string, int> BySector, IReadOnlyList<Guid> DevelopmentIds);

/// <summary>How far the project relieves one bottleneck of a related energy area (one direction, one scenario).</summary>
public sealed record BottleneckRelief(AreaRef Area, string Direction, string Scenario, int FirstYear, int PeakYear, double PeakShortfallMw,
    int? ReliefFromYear, int YearsShortBeforeRelief, double ReliefMw, double RemainingShortfallMw);

/// <summary>
/// Criterion C's supporting fact: the bottlenecks of the project's energy areas (the hub's own analysis, as the caller
/// may see it) and, from the project's delivery year, how many MW of each its added capacity takes away.
/// </summary>
public sealed record SupportingFactC(double? CapacityMw, int? DeliveryYear, string RuleSet, int FromYear, int ToYear, IReadOnlyList<BottleneckRelief> Bottlenecks,
    string? Note);

/// <summary>Load against capacity of the project's energy areas together, per year (the fiche's chart).</summary>
public sealed record AreaLoadSeries(string Scenario, IReadOnlyList<AreaRef> Areas, IReadOnlyList<int> Years, IReadOnlyList<double> PeakOfftakeMw,
    IReadOnlyList<double?> AvailableOfftakeMw, IReadOnlyList<double> PeakFeedInMw, IReadOnlyList<double?> AvailableFeedInMw);

/// <summary>
/// The facts the hub computes for a project from its own data: criterion A from the developments behind it, criterion C
/// from the grid model's bottlenecks in its energy areas. Computed per caller (what it may see in detail counts in
/// full, aggregate-only data under disclosure control), at the current data or at a past moment.
/// </summary>
public static class MiekSupportingFacts
{
    /// <summary>The facts' years: the one analysis window's defaults.</summary>
    public const int FromYear = AnalysisWindow.DefaultFrom;
    public const int ToYear = AnalysisWindow.DefaultTo;

    /// <summary>Criterion A's fact for each fiche: the developments behind it the caller may see (now, or as they were at asOf), fetched for all fiches at once.</summary>
    public static async Task<List<SupportingFactA>> CriterionAAsync(DataHubDb db, AccessScope scope, IReadOnlyList<MiekFiche> fiches, CancellationToken ct,
        DateTime? asOf = null)
    {
        var ids = fiches.SelectMany(f => f.Developments).Distinct().ToList();
        var visible = ids.Count == 0 ? [] : await db.DevelopmentVersions.AsNoTracking().LiveAt(asOf)
            .Where(v => ids.Contains(v.DevelopmentId)).VisibleTo(scope).ToDictionaryAsync(v => v.DevelopmentId, ct);
        double Latest(DevelopmentVersion v, string unit) =>
            DevelopmentMapping.StoredQuantities(v.QuantitiesJson).Where(q => q.Unit == unit).MaxBy(q => q.Year)?.Value ?? 0;
        return [.. fiches.Select(f =>
        {
            var developments = f.Developments.Distinct().Where(visible.ContainsKey).Select(id => visible[id]).ToList();
            return new SupportingFactA(developments.Count, developments.Sum(v => Latest(v, "homes")),
                new SortedDictionary<string, int>(developments.GroupBy(v => v.Sector).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal),
                [.. developments.Select(v => v.DevelopmentId).Order()]);
        })];
    }

    /// <summary>The project's energy areas in the model, by index (areas not in the model are left out).</summary>
    public static List<int> Areas(GridModel model, MiekFiche fiche) => [.. fiche.EnergyAreas.Select(model.Grid.IndexOf).Where(i => i >= 0).Distinct()];

    public static SupportingFactC CriterionC(GridModel model, AnalysisView view, MiekFiche fiche, DataHubOptions options)
    {
        var areas = Areas(model, fiche);
        var ruleSet = model.RuleSetIndex(RuleSetCatalogue.DefaultId);
        var capacity = fiche.CapacityMw;
        var delivery = fiche.Planning.IndicativeDelivery;
        var reliefs = new List<BottleneckRelief>();
        if (areas.Count > 0)
        {
            var (loads, bottlenecks) = model.Bottlenecks(areas, view, ruleSet, FromYear, ToYear, Scenarios.All, options.DisclosureControl);
            foreach (var b in bottlenecks)
            {
                var a = model.Grid.Areas[model.Grid.IndexOf(b.AreaId)];
                var peak = b.Shortfall.MaxBy(s => s.ShortfallMw)!;
                var after = delivery is { } d ? b.Shortfall.Where(s => s.Year >= d).ToList() : [];
                var relief = capacity is { } c && after.Count > 0 ? after.Max(s => Math.Min(c, s.ShortfallMw)) : 0;
                var remaining = capacity is { } cap && delivery is not null ? after.Select(s => Math.Max(0, s.ShortfallMw - cap)).DefaultIfEmpty(0).Max()
                    : peak.ShortfallMw;
                reliefs.Add(new BottleneckRelief(new AreaRef(a.Id, a.Operator, a.ShortCode), b.Direction, b.Scenario, b.FirstYear, peak.Year,
                    Math.Round(peak.ShortfallMw, 3), capacity is null ? null : delivery, b.Shortfall.Count(s => delivery is null || s.Year < delivery),
                    Math.Round(relief, 3), Math.Round(remaining, 3)));
            }
        }
        var note = areas.Count == 0 ? "The project names no energy area the hub knows: no bottleneck to relate it to."
            : capacity is null ? "The project states no added capacity (capacityMw): the bottlenecks are listed, the relief is not computed."
            : delivery is null ? "The project states no indicative delivery year: the relief is not placed in time."
            : null;
        return new SupportingFactC(capacity, delivery, RuleSetCatalogue.DefaultId, FromYear, ToYear,
            [.. reliefs.OrderBy(r => r.FirstYear).ThenBy(r => r.Area.ShortCode, StringComparer.Ordinal).ThenBy(r => r.Direction, StringComparer.Ordinal)
                .ThenBy(r => r.Scenario, StringComparer.Ordinal)], note);
    }

    /// <summary>The project's areas' load and capacity together, per year, in one scenario.</summary>
    public static AreaLoadSeries? Series(GridModel model, AnalysisView view, MiekFiche fiche, DataHubOptions options, string scenario = Scenarios.Expected)
    {
        var areas = Areas(model, fiche);
        if (areas.Count == 0) return null;
        var ruleSet = model.RuleSetIndex(RuleSetCatalogue.DefaultId);
        var loads = areas.SelectMany(a => model.Evaluate(a, view, ruleSet, FromYear, ToYear, [scenario], contributions: false, options.DisclosureControl, bySector: false))
            .GroupBy(l => l.Year).OrderBy(g => g.Key).ToList();
        static double? Sum(IEnumerable<double?> values) => values.Any(v => v is null) ? null : Math.Round(values.Sum(v => v!.Value), 3);
        return new AreaLoadSeries(scenario, [.. areas.Select(i => model.Grid.Areas[i]).Select(a => new AreaRef(a.Id, a.Operator, a.ShortCode))],
            [.. loads.Select(g => g.Key)], [.. loads.Select(g => Math.Round(g.Sum(l => l.PeakOfftakeMw), 3))], [.. loads.Select(g => Sum(g.Select(l => l.AvailableOfftakeMw)))],
            [.. loads.Select(g => Math.Round(g.Sum(l => l.PeakFeedInMw), 3))], [.. loads.Select(g => Sum(g.Select(l => l.AvailableFeedInMw)))]);
    }
}
