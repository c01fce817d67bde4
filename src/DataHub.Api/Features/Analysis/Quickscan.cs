using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

public sealed record HeadroomYear(int Year, string Scenario, double? AvailableMw, double LoadMw, double? HeadroomMw);

public sealed record QuickscanArea(Guid AreaId, string Operator, string ShortCode, double Share, double AddedMw, IReadOnlyList<HeadroomYear> Headroom, string Verdict);

public sealed record QuickscanAlternative(Guid AreaId, string Operator, string ShortCode, double DistanceKm, double HeadroomMw);

public sealed record QuickscanOutcome(string Direction, double AddedPeakMw, IReadOnlyList<QuickscanArea> Areas, string Verdict, IReadOnlyList<QuickscanAlternative> Alternatives);

/// <summary>
/// "Is there grid capacity here?" (pure, deterministic). The new development's coincident peak (its peak times its
/// sector's simultaneity factor, split over the areas it lies in) is added to each area's load per scenario; the
/// verdict is taken in the requested year under the expected scenario: <c>doesNotFit</c> when headroom is negative,
/// <c>tight</c> under 10 % of the available capacity, <c>fits</c> otherwise. Alternatives: the nearest other areas
/// (distance in RD New) where the whole development would fit, nearest first.
/// </summary>
public static class Quickscan
{
    public const string Fits = "fits";
    public const string Tight = "tight";
    public const string DoesNotFit = "doesNotFit";
    public const string OutsideAreas = "outsideKnownAreas";

    public static QuickscanOutcome Evaluate(IReadOnlyList<GridArea> areas, IReadOnlyList<AreaYearLoad> baseLoads, Geometry geometry,
        string sector, double peakOfftakeMw, double peakFeedInMw, CalculationRuleSet rules, int year, int horizon, int maxAlternatives = 5)
    {
        var direction = peakOfftakeMw >= peakFeedInMw ? GridAnalysis.Offtake : GridAnalysis.FeedIn;
        var peak = (direction == GridAnalysis.Offtake ? peakOfftakeMw : peakFeedInMw) * rules.SimultaneityOf(sector);
        var loads = baseLoads.ToLookup(l => (l.AreaId, l.Year, l.Scenario));
        double? Available(GridArea a, int y) => direction == GridAnalysis.Offtake ? a.CapacityIn(y)?.OfftakeMw : a.CapacityIn(y)?.FeedInMw;
        double Load(GridArea a, int y, string s) => loads[(a.Id, y, s)].Sum(l => direction == GridAnalysis.Offtake ? l.PeakOfftakeMw : l.PeakFeedInMw);

        var shares = GridAnalysis.Assign(geometry, areas, GridAnalysis.Index(areas));
        var result = new List<QuickscanArea>();
        foreach (var (area, share) in shares)
        {
            var added = peak * share;
            var headroom = new List<HeadroomYear>();
            for (var y = year; y <= year + horizon; y++)
                foreach (var s in Scenarios.All)
                {
                    var available = Available(area, y);
                    var load = Load(area, y, s) + added;
                    headroom.Add(new HeadroomYear(y, s, available, Math.Round(load, 6), available is null ? null : Math.Round(available.Value - load, 6)));
                }
            var at = headroom.Single(h => h.Year == year && h.Scenario == Scenarios.Expected);
            result.Add(new QuickscanArea(area.Id, area.Operator, area.ShortCode, Math.Round(share, 6), Math.Round(added, 6), headroom, Verdict(at)));
        }
        var verdict = result.Count == 0 ? OutsideAreas
            : result.Any(r => r.Verdict == DoesNotFit) ? DoesNotFit
            : result.Any(r => r.Verdict == Tight) ? Tight : Fits;

        var alternatives = new List<QuickscanAlternative>();
        if (verdict != Fits)
        {
            var here = CrsTransform.ToRdNew(geometry);
            var inUse = shares.Select(s => s.Area.Id).ToHashSet();
            foreach (var area in areas.Where(a => !inUse.Contains(a.Id))
                         .Select(a => (Area: a, Distance: CrsTransform.ToRdNew(a.Boundary).Distance(here)))
                         .OrderBy(x => x.Distance).ThenBy(x => x.Area.ShortCode, StringComparer.Ordinal))
            {
                var available = Available(area.Area, year);
                if (available is null) continue;
                var headroom = available.Value - Load(area.Area, year, Scenarios.Expected) - peak;
                if (headroom < 0.1 * available.Value) continue;
                alternatives.Add(new QuickscanAlternative(area.Area.Id, area.Area.Operator, area.Area.ShortCode, Math.Round(area.Distance / 1000, 3), Math.Round(headroom, 6)));
                if (alternatives.Count == maxAlternatives) break;
            }
        }
        return new QuickscanOutcome(direction, Math.Round(peak, 6), result, verdict, alternatives);
    }

    public static string Verdict(HeadroomYear h) =>
        h.AvailableMw is not { } available || h.HeadroomMw is not { } headroom ? OutsideAreas
        : headroom < 0 ? DoesNotFit
        : headroom < 0.1 * available ? Tight
        : Fits;
}
