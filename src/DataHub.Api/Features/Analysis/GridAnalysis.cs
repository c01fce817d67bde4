using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

/// <summary>An energy area as the analysis sees it: boundary (CRS84) and available capacity per year.</summary>
public sealed record GridArea(Guid Id, string Operator, string ShortCode, Geometry Boundary, IReadOnlyList<CapacityYear> Capacity)
{
    /// <summary>The capacity in force in a year: the latest stated value up to that year (works count from their year).</summary>
    public CapacityYear? CapacityIn(int year) => Capacity.Where(c => c.Year <= year).MaxBy(c => c.Year);
}

/// <summary>A development with its geometry, for assignment to energy areas.</summary>
public sealed record PlacedDevelopment(DevelopmentFacts Facts, Geometry Geometry);

/// <summary>The load of one area in one year under one scenario (electricity), with what makes it up.</summary>
public sealed record AreaYearLoad(
    Guid AreaId, int Year, string Scenario, double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh,
    double? AvailableOfftakeMw, double? AvailableFeedInMw, IReadOnlyDictionary<string, double> OfftakeBySector,
    IReadOnlyList<Contribution> Contributions)
{
    /// <summary>How many developments the caller may count in totals only are in the figures.</summary>
    public int AggregateOnlyDevelopments { get; init; }
    /// <summary>Why aggregate-only data was left out of the figures (disclosure control), if it was.</summary>
    public string? AggregateOnlyWithheldBecause { get; init; }
}

/// <summary>One development's share of an area's load in a year.</summary>
public sealed record Contribution(Guid Development, double Share, double PeakOfftakeMw, double PeakFeedInMw);

/// <summary>Where and when the grid runs out: per area and direction, the first year load exceeds capacity.</summary>
public sealed record Bottleneck(Guid AreaId, string Direction, string Scenario, int FirstYear, IReadOnlyList<Shortfall> Shortfall,
    IReadOnlyList<Guid> CausedBy);

/// <summary>How much load exceeds the available capacity in a year, in MW.</summary>
public sealed record Shortfall(int Year, double ShortfallMw);

/// <summary>
/// The load per area, year and scenario (pure, deterministic): the reference computation, straight from its
/// definition. Each development is assigned to the areas it lies in (<see cref="GridAreas.Assign"/>); peaks add up
/// per sector and are multiplied by the sector's simultaneity factor. The hub answers from <see cref="GridModel"/>,
/// which must give the same figures (a test holds them equal); variants and the demo use this one directly.
/// </summary>
public static class GridAnalysis
{
    public const string Offtake = "offtake";
    public const string FeedIn = "feedIn";

    public static IReadOnlyList<AreaYearLoad> Loads(IReadOnlyList<GridArea> areas, IEnumerable<PlacedDevelopment> developments,
        CalculationRuleSet rules, int fromYear, int toYear, IReadOnlyList<string> scenarios)
    {
        var grid = new GridAreas(areas);
        // (area, year, scenario) → per development contribution and sector
        var parts = new Dictionary<(Guid, int, string), List<(string Sector, Contribution C, double Annual)>>();
        foreach (var d in developments.OrderBy(d => d.Facts.Id))
        {
            var shares = grid.Assign(d.Geometry).Select(s => (Area: areas[s.Area], s.Share)).ToList();
            if (shares.Count == 0) continue;
            var load = LoadTranslation.Translate(d.Facts, rules, fromYear, toYear).Where(l => l.Carrier == "electricity").ToList();
            foreach (var scenario in scenarios.Where(s => Scenarios.Includes(s, d.Facts.Certainty)))
                foreach (var year in load)
                    foreach (var (area, share) in shares)
                    {
                        var key = (area.Id, year.Year, scenario);
                        (parts.TryGetValue(key, out var list) ? list : parts[key] = []).Add((d.Facts.Sector,
                            new Contribution(d.Facts.Id, share, share * year.PeakOfftakeMw, share * year.PeakFeedInMw), share * year.AnnualEnergyMwh));
                    }
        }
        var result = new List<AreaYearLoad>();
        foreach (var area in areas.OrderBy(a => a.Operator, StringComparer.Ordinal).ThenBy(a => a.ShortCode, StringComparer.Ordinal))
            foreach (var scenario in scenarios)
                for (var year = fromYear; year <= toYear; year++)
                {
                    var list = parts.GetValueOrDefault((area.Id, year, scenario)) ?? [];
                    var capacity = area.CapacityIn(year);
                    var bySector = list.GroupBy(x => x.Sector, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Sum(x => x.C.PeakOfftakeMw) * rules.SimultaneityOf(g.Key));
                    result.Add(new AreaYearLoad(area.Id, year, scenario,
                        LoadTranslation.CoincidentPeak(list.Select(x => (x.Sector, x.C.PeakOfftakeMw)), rules),
                        LoadTranslation.CoincidentPeak(list.Select(x => (x.Sector, x.C.PeakFeedInMw)), rules),
                        list.Sum(x => x.Annual), capacity?.OfftakeMw, capacity?.FeedInMw, bySector,
                        [.. list.Select(x => x.C).OrderByDescending(c => c.PeakOfftakeMw + c.PeakFeedInMw).ThenBy(c => c.Development)]));
                }
        return result;
    }

    /// <summary>Per area, direction and scenario: the first year in which the load exceeds the available capacity.</summary>
    public static IReadOnlyList<Bottleneck> Bottlenecks(IReadOnlyList<AreaYearLoad> loads)
    {
        var result = new List<Bottleneck>();
        foreach (var series in loads.GroupBy(l => (l.AreaId, l.Scenario)))
            foreach (var direction in new[] { Offtake, FeedIn })
            {
                var shortfall = series.OrderBy(l => l.Year)
                    .Select(l => (l.Year, Load: direction == Offtake ? l.PeakOfftakeMw : l.PeakFeedInMw,
                        Capacity: direction == Offtake ? l.AvailableOfftakeMw : l.AvailableFeedInMw, l.Contributions))
                    .Where(x => x.Capacity is not null && x.Load > x.Capacity.Value + 1e-9)
                    .ToList();
                if (shortfall.Count == 0) continue;
                var first = shortfall[0];
                var causes = first.Contributions
                    .OrderByDescending(c => direction == Offtake ? c.PeakOfftakeMw : c.PeakFeedInMw).ThenBy(c => c.Development)
                    .Where(c => (direction == Offtake ? c.PeakOfftakeMw : c.PeakFeedInMw) > 0)
                    .Select(c => c.Development).Distinct().ToList();
                result.Add(new Bottleneck(series.Key.AreaId, direction, series.Key.Scenario, first.Year,
                    [.. shortfall.Select(x => new Shortfall(x.Year, Math.Round(x.Load - x.Capacity!.Value, 6)))], causes));
            }
        return result;
    }
}
