using DataHub.Api.Features.Demo;
using DataHub.Api.Features.Developments;
using DataHub.Api.Operations;

namespace DataHub.UnitTests;

public sealed class DemoSeedTests
{
    private static readonly List<DataHub.Api.Data.DevelopmentVersion> Demo = DemoSeed.Generate();

    [Fact]
    public void The_demo_is_the_same_on_every_run()
    {
        var again = DemoSeed.Generate();
        Assert.Equal(Demo.Select(d => d.ContentHash), again.Select(d => d.ContentHash));
    }

    [Fact]
    public void The_demo_covers_every_Utrecht_municipality_plan_type_sector_and_certainty()
    {
        Assert.Equal(26, Demo.Where(d => d.ProvinceCode == "PV26").Select(d => d.MunicipalityCode).Distinct().Count());
        Assert.Equal(CodeLists.Certainties.Order(), Demo.Select(d => d.Certainty).Distinct().Order());
        Assert.Equal(CodeLists.PlanTypes.Order(), Demo.Select(d => d.PlanType).Distinct().Order());
        Assert.Equal(CodeLists.Sectors.Order(), Demo.Select(d => d.Sector).Distinct().Order());
        Assert.All(Demo, d => Assert.InRange(d.FirstYear, 2025, 2040));
        Assert.Contains(Demo, d => d.Visibility == "confidential");
        Assert.Contains(Demo, d => d.Visibility == "shared" && d.PlanType == "woonagenda");
        Assert.Equal(28, DemoSeed.Agreements(DateTime.UtcNow).Count());
        Assert.Equal(Demo.Count, Demo.Select(d => (d.OwnerCode, d.ExternalId)).Distinct().Count());
    }
}

public sealed class AgreementJsonTests
{
    [Fact]
    public void A_stored_scope_with_absent_dimensions_reads_as_all_for_those_dimensions()
    {
        var scope = DataHub.Api.Access.AgreementJson.Scope("""{"planTypes":["woonagenda"]}""");
        Assert.Equal(["woonagenda"], scope.PlanTypes);
        Assert.Empty(scope.Sectors);
        Assert.Empty(scope.Areas);
        Assert.Empty(scope.Records);
    }
}

public sealed class DemoGridTests
{
    [Fact]
    public void The_demo_grid_runs_out_in_different_years_across_the_province()
    {
        var demo = DataHub.Api.Features.Demo.DemoSeed.Generate();
        var areas = DataHub.Api.Features.Demo.DemoGrid.Generate(demo, Guid.Empty, DateTime.UnixEpoch);
        Assert.Equal(26, areas.Count);
        Assert.All(areas, a => Assert.NotNull(a.Geometry));
        var grid = areas.Select(a => new DataHub.Api.Features.Analysis.GridArea(a.AreaId, a.OperatorCode, a.ShortCode, a.Geometry!,
            System.Text.Json.JsonSerializer.Deserialize<List<DataHub.Api.Features.Grid.CapacityYear>>(a.CapacityJson, DataHub.Api.Features.Developments.DevelopmentMapping.StoredJson)!)).ToList();
        var placed = demo.Select(v => new DataHub.Api.Features.Analysis.PlacedDevelopment(DataHub.Api.Features.Analysis.DevelopmentFacts.Of(v), v.Geometry));
        var loads = DataHub.Api.Features.Analysis.GridAnalysis.Loads(grid, placed.ToList(), DataHub.Api.Features.Analysis.RuleSetCatalogue.Instance.Default,
            2025, 2040, [DataHub.Api.Features.Analysis.Scenarios.Expected]);
        var firstYears = DataHub.Api.Features.Analysis.GridAnalysis.Bottlenecks(loads).Select(b => b.FirstYear).Distinct().ToList();
        Assert.True(firstYears.Count >= 6, $"bottlenecks appear in {firstYears.Count} distinct years");
        Assert.Contains(areas, a => a.WorksJson != "[]");
        // Deterministic: the same ids and capacities every time.
        var again = DataHub.Api.Features.Demo.DemoGrid.Generate(DataHub.Api.Features.Demo.DemoSeed.Generate(), Guid.Empty, DateTime.UnixEpoch);
        Assert.Equal(areas.Select(a => (a.AreaId, a.CapacityJson)), again.Select(a => (a.AreaId, a.CapacityJson)));
    }

    [Fact]
    public void Every_demo_area_has_its_station_lies_in_TenneTs_congestion_area_and_the_real_substations_carry_their_OSM_place()
    {
        var areas = DataHub.Api.Features.Demo.DemoGrid.Generate(DataHub.Api.Features.Demo.DemoSeed.Generate(), Guid.Empty, DateTime.UnixEpoch);
        var stations = DataHub.Api.Features.Demo.DemoGrid.Stations(DateTime.UnixEpoch);
        Assert.All(areas, a => Assert.Equal("Utrecht", a.DemandCongestionAreaCode));
        foreach (var area in areas)
        {
            var station = Assert.Single(stations, s => s.EnergyAreaShortCode == area.ShortCode);
            Assert.True(area.Geometry!.Covers(station.Geometry), $"{station.Name} lies in {area.ShortCode}");
        }
        var tennet = stations.Where(s => s.OperatorCode == "TENNET").ToList();
        Assert.Equal(["CRAYESTEIN", "DIEMEN", "DODEWAARD", "KRIMPEN"], tennet.Select(s => s.Code).Order());
        // Diemen, from the OSM extract: 380/150 kV at 5.0180 E, 52.3382 N.
        var diemen = tennet.Single(s => s.Code == "DIEMEN");
        Assert.Equal("[380,150]", diemen.VoltagesJson);
        Assert.Equal(5.0180, diemen.Geometry.Coordinate.X, 4);
        Assert.Equal(52.3382, diemen.Geometry.Coordinate.Y, 4);
        var congestion = DataHub.Api.Features.Demo.DemoGrid.CongestionAreaOf(Guid.Empty, DateTime.UnixEpoch);
        Assert.Equal(("TENNET", "congestion_area", "Utrecht"), (congestion.OperatorCode, congestion.Kind, congestion.ShortCode));
    }

    [Fact]
    public void The_demo_pMIEK_has_scored_projects_the_ones_not_included_keep_their_reasons_and_the_previous_cycle_reports_progress()
    {
        var demo = DataHub.Api.Features.Demo.DemoSeed.Generate();
        var areas = DataHub.Api.Features.Demo.DemoGrid.Generate(demo, Guid.Empty, DateTime.UnixEpoch);
        var (cycles, projects, assessments, progress) = DataHub.Api.Features.Demo.DemoProgramme.Generate(demo, areas, new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal([("pmiek-2.0", 2025, "PV26"), ("pmiek-3.0", 2027, "PV26"), ("miek-2027", 2027, "national")], cycles.Select(c => (c.Code, c.Year, c.Scope)));
        Assert.All(cycles.Take(2), c => Assert.NotNull(c.PublishedAt));
        Assert.True(projects.Count(p => p.CycleId == cycles[1].CycleId) >= 10);
        var framework = DataHub.Api.Features.Programme.WeighingFrameworkContracts.Default;
        foreach (var project in projects)
        {
            var mine = assessments.Where(a => a.ProjectId == project.ProjectId).ToList();
            Assert.Equal(framework.Criteria.Select(c => c.Code), mine.Where(a => a.Kind == "score").Select(a => a.Criterion));
            foreach (var score in mine.Where(a => a.Kind == "score"))
            {
                var criterion = framework.Criteria.Single(c => c.Code == score.Criterion);
                if (criterion.Scale is { } scale) Assert.Contains(score.Value, scale);
                else Assert.True(double.Parse(score.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
                Assert.Equal(criterion.ScoredBy == "gridOperator" ? "STEDIN" : "PV26", score.AuthorOrganisation);
            }
            var decision = Assert.Single(mine, a => a.Kind == "decision");
            Assert.Contains(decision.Value, DataHub.Api.Operations.CodeLists.Decisions);
            Assert.False(string.IsNullOrWhiteSpace(decision.Rationale));
            Assert.NotEmpty(System.Text.Json.JsonSerializer.Deserialize<DataHub.Api.Features.Programme.MiekFiche>(project.FicheJson,
                DataHub.Api.Features.Developments.DevelopmentMapping.StoredJson)!.EnergyAreas);
        }
        Assert.True(assessments.Count(a => a.Kind == "decision" && a.Value == "notIncluded") >= 2);
        Assert.True(assessments.Count(a => a.Kind == "decision" && a.Value == "prioritised") >= 2);
        Assert.Contains(projects, p => p.ProposedBy == "STEDIN");
        // The previous cycle's projects report half-yearly, the last two half-years before the demo is loaded; one never reported.
        var previous = projects.Where(p => p.CycleId == cycles[0].CycleId).ToList();
        Assert.Equal(4, previous.Count(p => progress.Any(u => u.ProjectId == p.ProjectId)));
        Assert.Equal([new DateOnly(2025, 12, 31), new DateOnly(2026, 6, 30)], progress.Select(u => u.AsOfDate).Distinct().Order());
        Assert.All(progress.Where(u => u.Schedule is "delayed" or "stopped"), u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Contains(progress, u => u.Schedule == "delayed");
    }
}
