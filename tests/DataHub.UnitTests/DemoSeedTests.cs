using DataHub.Api.Features.Demo;
using DataHub.Api.Features.Developments;

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
        Assert.Equal(DevelopmentCodes.Certainties.Order(), Demo.Select(d => d.Certainty).Distinct().Order());
        Assert.Equal(DevelopmentCodes.PlanTypes.Order(), Demo.Select(d => d.PlanType).Distinct().Order());
        Assert.Equal(DevelopmentCodes.Sectors.Order(), Demo.Select(d => d.Sector).Distinct().Order());
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
