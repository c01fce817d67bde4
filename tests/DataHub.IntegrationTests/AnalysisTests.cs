namespace DataHub.IntegrationTests;

/// <summary>Calculation rule sets and a development's load series, under the access policy, on both databases.</summary>
public abstract class AnalysisTests(Hub hub)
{
    [Fact]
    public async Task The_rule_sets_are_listed_with_sources_and_simultaneity()
    {
        var list = await (await hub.Client().GetAsync("/api/v1/calculation-rule-sets")).Body();
        var set = list["items"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "datahub-default@2026.1");
        Assert.Contains(set!["rules"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "solarPark" && r["peakFeedInMw"]!.GetValue<double>() == 0.7);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync("/api/v1/calculation-rule-sets/datahub-default@2026.1")).StatusCode);
        await (await hub.Client().GetAsync("/api/v1/calculation-rule-sets/nope@1")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_developments_load_uses_stated_energy_only_for_callers_with_detail_access()
    {
        var owner = hub.Client("GM0344");
        // 300 homes from 2029 (rules: 300 × 0.004 = 1.2 MW); stated 0.9 MW offtake from 2030.
        var feature = Point(Id(), props: p =>
        {
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2029, ["value"] = 300, ["unit"] = "homes" });
            p["energy"] = new JsonArray(new JsonObject { ["year"] = 2030, ["carrier"] = "electricity", ["peakOfftakeMw"] = 0.9 });
        });
        var id = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(feature))).Body())["id"]!.GetValue<string>();
        var url = $"/api/v1/developments/{id}/load?fromYear=2028&toYear=2030";

        var own = await (await owner.GetAsync(url)).Body();
        var years = own["years"]!.AsArray();
        Assert.Equal([2029, 2030], years.Select(y => y!["year"]!.GetValue<int>()));
        Assert.Equal(1.2, years[0]!["peakOfftakeMw"]!.GetValue<double>(), 9);
        Assert.Equal(0.9, years[1]!["peakOfftakeMw"]!.GetValue<double>(), 9);
        Assert.True(own["statedEnergyUsed"]!.GetValue<bool>());

        // Another organisation sees the public record, but not the stated (sensitive) energy: rules only.
        var other = await (await hub.Client("GM0355", "Reader").GetAsync(url)).Body();
        Assert.Equal(1.2, other["years"]![1]!["peakOfftakeMw"]!.GetValue<double>(), 9);
        Assert.False(other["statedEnergyUsed"]!.GetValue<bool>());

        await (await owner.GetAsync($"/api/v1/developments/{id}/load?ruleSet=nope")).Problem(HttpStatusCode.BadRequest);
        await (await owner.GetAsync($"/api/v1/developments/{Guid.NewGuid()}/load")).Problem(HttpStatusCode.NotFound);
        var hidden = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), props: p => p["visibility"] = "confidential")))).Body())["id"]!.GetValue<string>();
        await (await hub.Client("GM0355", "Reader").GetAsync($"/api/v1/developments/{hidden}/load")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class AnalysisOnSqlite(SqliteHub hub) : AnalysisTests(hub), IClassFixture<SqliteHub>;

public sealed class AnalysisOnPostgis(PostgresHub hub) : AnalysisTests(hub), IClassFixture<PostgresHub>;
