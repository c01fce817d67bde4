using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.UnitTests;

/// <summary>What-if variants compared with the base, hand-computed.</summary>
public sealed class VariantTests
{
    private static readonly CalculationRuleSet Rules = new("t", "1", "t", "", "t", [], [new SimultaneityFactor("housing", 0.5, "t")],
        [new CalculationRule("newBuildHomes", "homes", "electricity", 0.004, null, 4, "t")]);

    private static Geometry Wkt(string wkt) { var g = new WKTReader().Read(wkt); g.SRID = 4326; return g; }

    private static readonly GridArea A = new(Guid.NewGuid(), "STEDIN", "A", Wkt("POLYGON ((5.0 52.0, 5.1 52.0, 5.1 52.1, 5.0 52.1, 5.0 52.0))"), [new CapacityYear(2025, 2.0, 5)]);
    private static readonly GridArea B = new(Guid.NewGuid(), "STEDIN", "B", Wkt("POLYGON ((5.1 52.0, 5.2 52.0, 5.2 52.1, 5.1 52.1, 5.1 52.0))"), [new CapacityYear(2025, 10.0, 5)]);
    private static readonly Guid Homes = Guid.NewGuid();

    // 1,500 homes from 2027 in A: 1,500 × 0.004 × 0.5 = 3 MW against 2 MW → 1 MW short every year 2027–2030.
    private static readonly PlacedDevelopment[] Base =
        [new(new DevelopmentFacts(Homes, "GM0344", "housing", "newBuildHomes", "permitted", null, [new(2027, 1500, "homes")], []), Wkt("POINT (5.05 52.05)"))];

    private static VariantSummary Summary(IReadOnlyList<VariantChange> changes)
    {
        var (areas, developments) = Variants.Apply([A, B], Base, changes);
        var bottlenecks = GridAnalysis.Bottlenecks(GridAnalysis.Loads(areas, developments, Rules, 2025, 2030, [Scenarios.Committed]));
        return Variants.Summarise(areas, bottlenecks, changes);
    }

    [Fact]
    public void The_base_has_one_bottleneck_of_four_MW_years()
    {
        var s = Summary([]);
        Assert.Equal(1, s.BottleneckCount);
        Assert.Equal(4.0, s.TotalShortfallMwYears, 6); // 1 MW × 2027–2030
        Assert.Equal(2027, s.FirstCongestedYear["STEDIN/A"]);
        Assert.Null(s.FirstCongestedYear["STEDIN/B"]);
    }

    [Fact]
    public void Shifting_scaling_moving_dropping_and_adding_capacity_change_the_outcome_as_computed()
    {
        var shifted = Summary([new VariantChange(Homes, ShiftYears: 2)]);      // from 2029: 2 MW-years
        Assert.Equal((2029, 2.0, 1), (shifted.FirstCongestedYear["STEDIN/A"]!.Value, shifted.TotalShortfallMwYears, shifted.DevelopmentsDelayed));
        var scaled = Summary([new VariantChange(Homes, Scale: 0.6)]);          // 1.8 MW ≤ 2: no bottleneck
        Assert.Equal(0, scaled.BottleneckCount);
        var moved = Summary([new VariantChange(Homes, MoveTo: Wkt("POINT (5.15 52.05)"))]); // into B (10 MW)
        Assert.Equal(0, moved.BottleneckCount);
        var dropped = Summary([new VariantChange(Homes, Drop: true)]);
        Assert.Equal((0, 1), (dropped.BottleneckCount, dropped.DevelopmentsDropped));
        // 0.5 MW more from 2029: short 1 MW in 2027–2028, 0.5 MW in 2029–2030 → 3 MW-years.
        var works = Summary([new VariantChange(AreaShortCode: "A", AddCapacity: [new CapacityYear(2029, 0.5, 0)])]);
        Assert.Equal(3.0, works.TotalShortfallMwYears, 6);
    }
}
