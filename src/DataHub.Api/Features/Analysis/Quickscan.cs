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
/// (distance in RD New, up to 50 km) where the whole development would fit, nearest first.
/// </summary>
public static class Quickscan
{
    public const string Fits = "fits";
    public const string Tight = "tight";
    public const string DoesNotFit = "doesNotFit";
    public const string OutsideAreas = "outsideKnownAreas";
    /// <summary>Alternatives are looked for up to this distance (RD New): further away is another project, not an alternative site.</summary>
    public const double AlternativesWithinM = 50_000;

    /// <summary>The quickscan over a list of areas and their loads (as the reference computation gives them).</summary>
    public static QuickscanOutcome Evaluate(IReadOnlyList<GridArea> areas, IReadOnlyList<AreaYearLoad> baseLoads, Geometry geometry,
        string sector, double peakOfftakeMw, double peakFeedInMw, CalculationRuleSet rules, int year, int horizon, int maxAlternatives = 5)
    {
        var byArea = baseLoads.ToLookup(l => l.AreaId);
        var grid = new GridAreas(areas);
        return Evaluate(grid, a => [.. byArea[grid.Areas[a].Id]], geometry, sector, peakOfftakeMw, peakFeedInMw, rules, year, horizon, maxAlternatives);
    }

    /// <summary>
    /// The quickscan over a set of areas; <paramref name="loadsOf"/> gives an area's load (by index) for the years
    /// asked, every scenario, and is called only for the areas the answer needs: the ones the development lies in
    /// and, nearest first, the candidates for an alternative.
    /// </summary>
    public static QuickscanOutcome Evaluate(GridAreas grid, Func<int, IReadOnlyList<AreaYearLoad>> loadsOf, Geometry geometry,
        string sector, double peakOfftakeMw, double peakFeedInMw, CalculationRuleSet rules, int year, int horizon, int maxAlternatives = 5)
    {
        var direction = peakOfftakeMw >= peakFeedInMw ? GridAnalysis.Offtake : GridAnalysis.FeedIn;
        var peak = (direction == GridAnalysis.Offtake ? peakOfftakeMw : peakFeedInMw) * rules.SimultaneityOf(sector);
        var cache = new Dictionary<int, ILookup<(int Year, string Scenario), AreaYearLoad>>();
        double? Available(GridArea a, int y) => direction == GridAnalysis.Offtake ? a.CapacityIn(y)?.OfftakeMw : a.CapacityIn(y)?.FeedInMw;
        double Load(int a, int y, string s)
        {
            if (!cache.TryGetValue(a, out var loads)) cache[a] = loads = loadsOf(a).ToLookup(l => (l.Year, l.Scenario));
            return loads[(y, s)].Sum(l => direction == GridAnalysis.Offtake ? l.PeakOfftakeMw : l.PeakFeedInMw);
        }

        var shares = grid.Assign(geometry);
        var result = new List<QuickscanArea>();
        foreach (var (index, share) in shares)
        {
            var area = grid.Areas[index];
            var added = peak * share;
            var headroom = new List<HeadroomYear>();
            for (var y = year; y <= year + horizon; y++)
                foreach (var s in Scenarios.All)
                {
                    var available = Available(area, y);
                    var load = Load(index, y, s) + added;
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
            var inUse = shares.Select(s => s.Area).ToHashSet();
            foreach (var (index, distance) in grid.Nearest(geometry))
            {
                if (distance > AlternativesWithinM) break;
                if (inUse.Contains(index)) continue;
                var area = grid.Areas[index];
                var available = Available(area, year);
                if (available is null) continue;
                var headroom = available.Value - Load(index, year, Scenarios.Expected) - peak;
                if (headroom < 0.1 * available.Value) continue;
                alternatives.Add(new QuickscanAlternative(area.Id, area.Operator, area.ShortCode, Math.Round(distance / 1000, 3), Math.Round(headroom, 6)));
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
