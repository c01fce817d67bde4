using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

/// <summary>The model's bottlenecks: where and when the loads it evaluates exceed capacity, and what causes them.</summary>
public sealed partial class GridModel
{
    /// <summary>
    /// Loads of the given areas (all when null; without the split by sector) and the bottlenecks they show, each with its causes: the developments
    /// the caller sees in detail that load the area in the first year short, largest first.
    /// </summary>
    public (IReadOnlyList<AreaYearLoad> Loads, IReadOnlyList<Bottleneck> Bottlenecks) Bottlenecks(IReadOnlyList<int>? areas, AnalysisView view, int ruleSet,
        int from, int to, IReadOnlyList<string> scenarios, DisclosureOptions disclosure)
    {
        areas ??= [.. Enumerable.Range(0, Grid.Areas.Count)];
        var loads = new IReadOnlyList<AreaYearLoad>[areas.Count];
        var bottlenecks = new IReadOnlyList<Bottleneck>[areas.Count];
        view.Prepare(_nextIndex);
        // Areas are independent: spread over the cores, gathered in the order asked.
        Parallel.For(0, areas.Count, i =>
        {
            loads[i] = Evaluate(areas[i], view, ruleSet, from, to, scenarios, contributions: false, disclosure, bySector: false);
            bottlenecks[i] = [.. GridAnalysis.Bottlenecks(loads[i]).Select(b => b with { CausedBy = Causes(areas[i], view, ruleSet, b.FirstYear, b.Scenario, b.Direction) })];
        });
        return ([.. loads.SelectMany(l => l)], [.. bottlenecks.SelectMany(b => b)]);
    }

    /// <summary>The developments the caller sees in detail that load an area in a year and direction, largest first (then by id).</summary>
    public IReadOnlyList<Guid> Causes(int area, AnalysisView view, int ruleSet, int year, string scenario, string direction)
    {
        var bit = ScenarioBit(scenario);
        var causes = new List<(Guid Id, double Mw)>();
        foreach (var (d, share) in _entries[area])
        {
            if ((d.Scenarios & bit) == 0) continue;
            var sight = view.Of(d);
            if (sight is not (Sight.Detail or Sight.DetailWithStatedEnergy)) continue;
            var steps = sight == Sight.DetailWithStatedEnergy && d.StatedSteps is { } stated ? stated[ruleSet] : d.RuleSteps[ruleSet];
            var step = default(LoadStep);
            foreach (var st in steps) { if (st.Year > year) break; step = st; }
            if (!step.Present) continue;
            var mw = share * (direction == GridAnalysis.Offtake ? step.PeakOfftakeMw : step.PeakFeedInMw);
            if (mw > 0) causes.Add((d.Id, mw));
        }
        return [.. causes.OrderByDescending(c => c.Mw).ThenBy(c => c.Id).Select(c => c.Id)];
    }
}
