using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.UnitTests;

/// <summary>Quickscan verdicts and alternatives, hand-computed.</summary>
public sealed class QuickscanTests
{
    private static readonly CalculationRuleSet Rules = new("t", "1", "t", "", "t", [], [new SimultaneityFactor("mobility", 0.5, "t")], []);

    private static Geometry Wkt(string wkt) { var g = new WKTReader().Read(wkt); g.SRID = 4326; return g; }

    private static GridArea Area(string code, double lon, double offtake) => new(Guid.NewGuid(), "STEDIN", code,
        Wkt($"POLYGON (({lon} 52.0, {lon + 0.1} 52.0, {lon + 0.1} 52.1, {lon} 52.1, {lon} 52.0))"), [new CapacityYear(2025, offtake, 10)]);

    private static readonly GridArea Full = Area("Full", 5.0, 3.0);
    private static readonly GridArea Near = Area("Near", 5.1, 4.0);
    private static readonly GridArea Far = Area("Far", 5.3, 50.0);

    private static AreaYearLoad Load(GridArea a, double mw) => new(a.Id, 2028, Scenarios.Expected, mw, 0, 0, null, null, new Dictionary<string, double>(), []);

    [Theory]
    // 4 MW stated × 0.5 simultaneity = 2 MW added. Full has 3 MW, 0.5 in use.
    [InlineData(0.5, 4.0, "fits")]       // 3 − 2.5 = 0.5 headroom ≥ 0.3 (10 %)
    [InlineData(0.8, 4.0, "tight")]      // 3 − 2.8 = 0.2 < 0.3
    [InlineData(1.5, 4.0, "doesNotFit")] // 3 − 3.5 = −0.5
    public void The_verdict_follows_the_headroom_left(double inUse, double statedMw, string verdict)
    {
        var outcome = Quickscan.Evaluate([Full, Near, Far], [Load(Full, inUse), Load(Near, 3.5)], Wkt("POINT (5.05 52.05)"),
            "mobility", statedMw, 0, Rules, 2028, 0);
        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(2.0, outcome.AddedPeakMw, 9);
        var area = Assert.Single(outcome.Areas);
        Assert.Equal(Math.Round(3 - inUse - 2, 6), area.Headroom.Single(h => h.Scenario == Scenarios.Expected).HeadroomMw);
    }

    [Fact]
    public void Alternatives_are_the_nearest_areas_where_it_fits()
    {
        // Near has 4 MW with 3.5 in use: 2 MW does not fit. Far (50 MW, nothing in use) does, 20 km further east.
        var outcome = Quickscan.Evaluate([Full, Near, Far], [Load(Full, 1.5), Load(Near, 3.5)], Wkt("POINT (5.05 52.05)"),
            "mobility", 4, 0, Rules, 2028, 0);
        var alternative = Assert.Single(outcome.Alternatives);
        Assert.Equal("Far", alternative.ShortCode);
        Assert.Equal(48, alternative.HeadroomMw, 6);
        Assert.InRange(alternative.DistanceKm, 15, 20); // 0.25° of longitude at 52° N ≈ 17 km
    }

    [Fact]
    public void A_location_outside_every_area_says_so()
    {
        var outcome = Quickscan.Evaluate([Full], [], Wkt("POINT (6.0 53.0)"), "mobility", 1, 0, Rules, 2028, 0);
        Assert.Equal(Quickscan.OutsideAreas, outcome.Verdict);
        Assert.Empty(outcome.Areas);
    }
}
