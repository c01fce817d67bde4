using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.UnitTests;

/// <summary>Assignment to energy areas, load per area and bottlenecks, with hand-computed expectations.</summary>
public sealed class GridAnalysisTests
{
    private static readonly CalculationRuleSet Rules = new("test", "1", "t", "", "test", [],
        [new SimultaneityFactor("housing", 0.4, "t"), new SimultaneityFactor("renewableGeneration", 1.0, "t")],
        [
            new CalculationRule("newBuildHomes", "homes", "electricity", 0.004, null, 4.0, "t"),
            new CalculationRule("solarPark", "MWp", "electricity", null, 0.7, 950, "t"),
        ]);

    private static Geometry Wkt(string wkt) { var g = new WKTReader().Read(wkt); g.SRID = 4326; return g; }

    private static readonly GridArea A = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "STEDIN", "A",
        Wkt("POLYGON ((5.0 52.0, 5.1 52.0, 5.1 52.1, 5.0 52.1, 5.0 52.0))"),
        [new CapacityYear(2025, 1.0, 5.0), new CapacityYear(2028, 3.0, 5.0)]); // works add 2 MW offtake in 2028
    private static readonly GridArea B = new(Guid.Parse("00000000-0000-0000-0000-00000000000b"), "STEDIN", "B",
        Wkt("POLYGON ((5.1 52.0, 5.2 52.0, 5.2 52.1, 5.1 52.1, 5.1 52.0))"),
        [new CapacityYear(2025, 10.0, 3.0)]);

    private static readonly Guid Homes = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly Guid Solar = Guid.Parse("20000000-0000-0000-0000-000000000002");

    private static readonly PlacedDevelopment[] Developments =
    [
        // 1,000 homes in A from 2027: 1,000 × 0.004 × 0.4 = 1.6 MW coincident offtake.
        new(new DevelopmentFacts(Homes, "GM0344", "housing", "newBuildHomes", "permitted", null, [new(2027, 1000, "homes")], []), Wkt("POINT (5.05 52.05)")),
        // 10 MWp straddling A and B half and half from 2026: 7 MW feed-in, 3.5 MW in each.
        new(new DevelopmentFacts(Solar, "ES14", "renewableGeneration", "solarPark", "planned", null, [new(2026, 10, "MWp")], []),
            Wkt("POLYGON ((5.09 52.05, 5.11 52.05, 5.11 52.06, 5.09 52.06, 5.09 52.05))")),
    ];

    private static IReadOnlyList<AreaYearLoad> Run() =>
        GridAnalysis.Loads([A, B], Developments, Rules, 2025, 2029, [Scenarios.Committed, Scenarios.Expected]);

    [Fact]
    public void A_polygon_over_two_areas_is_split_by_area_share()
    {
        var grid = new GridAreas([A, B]);
        var shares = grid.Assign(Developments[1].Geometry);
        Assert.Equal(2, shares.Length);
        Assert.All(shares, s => Assert.Equal(0.5, s.Share, 3));
        var point = grid.Assign(Developments[0].Geometry);
        Assert.Equal("A", grid.Areas[Assert.Single(point).Area].ShortCode);
    }

    [Fact]
    public void Loads_add_up_per_area_year_and_scenario_with_simultaneity()
    {
        var loads = Run();
        var a2027 = loads.Single(l => l.AreaId == A.Id && l.Year == 2027 && l.Scenario == Scenarios.Expected);
        Assert.Equal(1.6, a2027.PeakOfftakeMw, 9);
        Assert.Equal(3.5, a2027.PeakFeedInMw, 2);
        Assert.Equal(1.0, a2027.AvailableOfftakeMw);
        // The solar park is "planned": not in the committed scenario.
        Assert.Equal(0, loads.Single(l => l.AreaId == B.Id && l.Year == 2027 && l.Scenario == Scenarios.Committed).PeakFeedInMw);
        Assert.Equal(3.5, loads.Single(l => l.AreaId == B.Id && l.Year == 2027 && l.Scenario == Scenarios.Expected).PeakFeedInMw, 2);
        // 2026: no homes yet, capacity 1.0.
        Assert.Equal(0, loads.Single(l => l.AreaId == A.Id && l.Year == 2026 && l.Scenario == Scenarios.Expected).PeakOfftakeMw);
    }

    [Fact]
    public void A_bottleneck_has_its_first_year_its_shortfall_and_its_causes_and_works_relieve_it()
    {
        var bottlenecks = GridAnalysis.Bottlenecks(Run());
        // A, offtake: 1.6 MW against 1.0 in 2027 (0.6 short); from 2028 the works give 3.0: no shortfall.
        var a = bottlenecks.Single(b => b.AreaId == A.Id && b.Direction == GridAnalysis.Offtake && b.Scenario == Scenarios.Committed);
        Assert.Equal(2027, a.FirstYear);
        Assert.Equal([new Shortfall(2027, 0.6)], a.Shortfall);
        Assert.Equal([Homes], a.CausedBy);
        // B, feed-in: 3.5 MW against 3.0 from 2026 on, expected scenario only.
        var b = bottlenecks.Single(x => x.AreaId == B.Id && x.Direction == GridAnalysis.FeedIn);
        Assert.Equal((Scenarios.Expected, 2026), (b.Scenario, b.FirstYear));
        Assert.All(b.Shortfall, s => Assert.Equal(0.5, s.ShortfallMw, 2));
        Assert.Equal([Solar], b.CausedBy);
        Assert.DoesNotContain(bottlenecks, x => x.AreaId == B.Id && x.Scenario == Scenarios.Committed);
    }

    [Fact]
    public void The_analysis_is_deterministic()
    {
        var first = System.Text.Json.JsonSerializer.Serialize(Run());
        var second = System.Text.Json.JsonSerializer.Serialize(GridAnalysis.Loads([B, A], Developments.Reverse().ToArray(), Rules, 2025, 2029, [Scenarios.Committed, Scenarios.Expected]));
        Assert.Equal(first, second);
    }
}

public sealed class AreaLoadsByLevelTests
{
    private static readonly CalculationRuleSet Rules = new("t", "1", "t", "", "t", [], [new SimultaneityFactor("housing", 0.5, "t")],
    [
        new CalculationRule("newBuildHomes", "homes", "electricity", 0.004, null, 4, "t"),
        new CalculationRule("heatNetwork", "connections", "heat", null, null, 10, "t"),
    ]);

    private static AreaLoadsByLevel.Located Homes(string municipality, string province, double homes, string certainty = "permitted") =>
        new(new DevelopmentFacts(Guid.NewGuid(), "X", "housing", "newBuildHomes", certainty, null, [new(2030, homes, "homes")], []), municipality, "ES14", province);

    [Fact]
    public void Loads_add_up_per_level_with_the_sector_factor_and_keep_carriers_apart()
    {
        var heat = new AreaLoadsByLevel.Located(new DevelopmentFacts(Guid.NewGuid(), "X", "heat", "heatNetwork", "planned", null, [new(2030, 100, "connections")], []), "GM0344", "ES14", "PV26");
        var rows = new[] { Homes("GM0344", "PV26", 1000), Homes("GM0307", "PV26", 500), Homes("GM0363", "PV27", 250, "ambition"), heat };
        var byProvince = AreaLoadsByLevel.Compute(rows, "province", Rules, 2030, 2030, [Scenarios.Expected, Scenarios.Ambition]);
        // PV26 housing: (1000 + 500) × 0.004 × 0.5 = 3 MW; 1,500 × 4 = 6,000 MWh.
        var pv26 = byProvince.Single(l => l.Area == "PV26" && l.Scenario == Scenarios.Expected && l.Carrier == "electricity");
        Assert.Equal(((double?)3.0, (double?)6000.0, (int?)2), (pv26.PeakOfftakeMw, pv26.AnnualEnergyMwh, pv26.Developments));
        Assert.Equal(1000, byProvince.Single(l => l.Area == "PV26" && l.Scenario == Scenarios.Expected && l.Carrier == "heat").AnnualEnergyMwh);
        // The ambition-only homes in PV27 count only in the ambition scenario.
        Assert.DoesNotContain(byProvince, l => l.Area == "PV27" && l.Scenario == Scenarios.Expected);
        Assert.Equal(0.5, byProvince.Single(l => l.Area == "PV27" && l.Scenario == Scenarios.Ambition).PeakOfftakeMw!.Value, 9);
        var national = AreaLoadsByLevel.Compute(rows, "national", Rules, 2030, 2030, [Scenarios.Ambition]);
        Assert.Equal(3.5, national.Single(l => l.Carrier == "electricity").PeakOfftakeMw!.Value, 9); // 1,750 × 0.004 × 0.5
    }

    [Fact]
    public void Aggregate_only_loads_count_when_enough_owners_share_them_and_a_lone_withheld_municipality_is_protected()
    {
        AreaLoadsByLevel.Located Shared(string owner, string municipality, double homes) =>
            new(new DevelopmentFacts(Guid.NewGuid(), owner, "housing", "newBuildHomes", "permitted", null, [new(2030, homes, "homes")], []), municipality, null, null, AggregateOnly: true);
        // Amersfoort (GM0307) has three owners' homes; Utrecht (GM0344) one owner's; Houten (GM0321) someone's in the open.
        var rows = new[]
        {
            Shared("A", "GM0307", 100), Shared("B", "GM0307", 100), Shared("C", "GM0307", 100),
            Shared("D", "GM0344", 500),
            new AreaLoadsByLevel.Located(new DevelopmentFacts(Guid.NewGuid(), "E", "housing", "newBuildHomes", "permitted", null, [new(2030, 200, "homes")], []), "GM0321", null, null),
        };
        var loads = AreaLoadsByLevel.Compute(rows, "municipality", Rules, 2030, 2030, [Scenarios.Committed]).ToDictionary(l => l.Area);
        // Utrecht: one owner's aggregate-only homes: withheld, no figures.
        Assert.True(loads["GM0344"].Suppressed);
        Assert.Null(loads["GM0344"].PeakOfftakeMw);
        Assert.Contains("fewer than 3 owners", loads["GM0344"].SuppressedBecause);
        // The province (four owners, none above 80 %) is shown, so Utrecht would be PV26 − Amersfoort − Houten:
        // Amersfoort, the other child with aggregate-only data, is withheld too. Houten, all in the open, stays.
        Assert.StartsWith("withheld so that", loads["GM0307"].SuppressedBecause);
        Assert.Equal(200 * 0.004 * 0.5, loads["GM0321"].PeakOfftakeMw!.Value, 9);
        var province = AreaLoadsByLevel.Compute(rows, "province", Rules, 2030, 2030, [Scenarios.Committed]).Single(l => l.Area == "PV26");
        Assert.Equal(1000 * 0.004 * 0.5, province.PeakOfftakeMw!.Value, 9);

        // Without Utrecht's, Amersfoort's three owners count in full.
        var three = AreaLoadsByLevel.Compute(rows.Where(r => r.Municipality != "GM0344"), "municipality", Rules, 2030, 2030, [Scenarios.Committed]);
        Assert.Equal(300 * 0.004 * 0.5, three.Single(l => l.Area == "GM0307").PeakOfftakeMw!.Value, 9);
    }
}
