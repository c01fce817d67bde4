namespace DataHub.IntegrationTests;

/// <summary>Area loads and bottlenecks over HTTP, on both databases, under the access policy.</summary>
public abstract class GridAnalysisApiTests(Hub hub)
{
    private async Task GridOfStedin()
    {
        var stedin = hub.Client("STEDIN");
        var map = """
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"test","identifier":"analysis-test","issued":"2026-11-01",
             "energy_areas":[{"short_code":"OS Houten","works":[{"project_name":"Uitbreiding OS Houten","time_schedules":[{"schedule_interval":{"end":"2029-06-30"}}]}]},
                             {"short_code":"OS Bunnik","works":[]}]}
            """;
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        // Houten, roughly: 5.12–5.22 E, 52.00–52.05 N. 2 MW offtake until the works bring 10 MW in 2029.
        var areas = """
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.12,52.00],[5.22,52.00],[5.22,52.05],[5.12,52.05],[5.12,52.00]]]},
              "properties":{"shortCode":"OS Houten","capacity":[{"year":2025,"offtakeMw":2,"feedInMw":20},{"year":2029,"offtakeMw":10,"feedInMw":20}]}},
             {"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.12,52.05],[5.22,52.05],[5.22,52.10],[5.12,52.10],[5.12,52.05]]]},
              "properties":{"shortCode":"OS Bunnik","capacity":[{"year":2025,"offtakeMw":30,"feedInMw":20}]}}]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas))).StatusCode);
    }

    private static string Quickscan(JsonNode area, int year) =>
        DataHub.Api.Features.Analysis.Quickscan.Verdict(new DataHub.Api.Features.Analysis.HeadroomYear(year, "expected",
            area["headroom"]!.AsArray().Single(h => h!["year"]!.GetValue<int>() == year && h["scenario"]!.GetValue<string>() == "expected")!["availableMw"]!.GetValue<double>(), 0,
            area["headroom"]!.AsArray().Single(h => h!["year"]!.GetValue<int>() == year && h["scenario"]!.GetValue<string>() == "expected")!["headroomMw"]!.GetValue<double>()));

    [Fact]
    public async Task Housing_beyond_capacity_shows_as_a_bottleneck_until_the_works_and_hidden_plans_do_not_count()
    {
        await GridOfStedin();
        // 1,500 homes from 2027 (permitted): 1,500 × 0.004 MW × 0.4 = 2.4 MW > 2 MW → short 0.4 MW in 2027–2028.
        var houten = hub.Client("GM0321");
        var homes = Point(Id(), 5.17, 52.03, p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 1500, ["unit"] = "homes" }));
        var homesId = (await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(homes))).Body())["id"]!.GetValue<string>();
        // A confidential data centre of someone else: its 50 MW must not show to the province.
        var dc = Point(Id(), 5.18, 52.02, p =>
        {
            p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "dataCentre"; p["assetType"] = "consumer"; p["visibility"] = "confidential";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2026, ["value"] = 50, ["unit"] = "MW" });
        });
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("CLUSTER6").PostAsync("/api/v1/developments", Http.GeoJson(dc))).StatusCode);

        var province = hub.Client("PV26", "Reader");
        var loads = await (await province.GetAsync("/api/v1/area-loads?operator=STEDIN&area=OS%20Houten&scenario=committed&fromYear=2026&toYear=2029&contributions=true")).Body();
        var y2027 = loads["items"]!.AsArray().Single(i => i!["year"]!.GetValue<int>() == 2027)!;
        Assert.Equal(2.4, y2027["peakOfftakeMw"]!.GetValue<double>(), 6);
        Assert.Equal(2, y2027["availableOfftakeMw"]!.GetValue<double>());
        Assert.Equal(homesId, y2027["contributions"]![0]!["development"]!.GetValue<string>());
        Assert.Equal(0, loads["items"]!.AsArray().Single(i => i!["year"]!.GetValue<int>() == 2026)!["peakOfftakeMw"]!.GetValue<double>());

        var bottlenecks = await (await province.GetAsync("/api/v1/bottlenecks?operator=STEDIN&scenario=committed&fromYear=2026&toYear=2032")).Body();
        var b = bottlenecks["items"]!.AsArray().Single(x => x!["area"]!["shortCode"]!.GetValue<string>() == "OS Houten")!;
        Assert.Equal("offtake", b["direction"]!.GetValue<string>());
        Assert.Equal(2027, b["firstYear"]!.GetValue<int>());
        Assert.Equal([2027, 2028], b["shortfall"]!.AsArray().Select(s => s!["year"]!.GetValue<int>()));
        Assert.Equal(0.4, b["shortfall"]![0]!["shortfallMw"]!.GetValue<double>(), 6);
        Assert.Equal(homesId, b["causedBy"]![0]!.GetValue<string>());
        var work = b["works"]![0]!;
        Assert.Equal(2029, work["completionYear"]!.GetValue<int>());
        Assert.False(work["inTime"]!.GetValue<bool>());

        // A variant: the homes two years later (2029, when the works bring 10 MW) removes the bottleneck.
        var variantBody = new JsonObject { ["name"] = "woningbouw 2 jaar later", ["changes"] = new JsonArray(new JsonObject { ["development"] = homesId, ["shiftYears"] = 2 }) };
        var variant = await (await province.PostAsync("/api/v1/variants", new StringContent(variantBody.ToJsonString(), Encoding.UTF8, "application/json"))).Body();
        var comparison = await (await province.GetAsync($"/api/v1/variants/{variant["id"]}/comparison?with=base&scenario=committed&fromYear=2026&toYear=2032")).Body();
        var compared = comparison["variants"]!.AsArray();
        Assert.Equal(["woningbouw 2 jaar later", "current data"], compared.Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(0.8, compared[1]!["summary"]!["totalShortfallMwYears"]!.GetValue<double>(), 6); // 0.4 MW × 2027–2028
        Assert.Equal(0, compared[0]!["summary"]!["totalShortfallMwYears"]!.GetValue<double>(), 6);
        Assert.Equal(1, compared[0]!["summary"]!["developmentsDelayed"]!.GetValue<int>());
        await (await houten.GetAsync($"/api/v1/variants/{variant["id"]}")).Problem(HttpStatusCode.NotFound);
        // A change may not name a development the caller cannot see: it answers as missing.
        var hiddenId = (await (await hub.Client("CLUSTER6").GetAsync("/api/v1/developments?owner=CLUSTER6")).Body())["features"]![0]!["id"]!.GetValue<string>();
        var sneaky = new JsonObject { ["name"] = "x", ["changes"] = new JsonArray(new JsonObject { ["development"] = hiddenId, ["drop"] = true }) };
        var refused = await (await province.PostAsync("/api/v1/variants", new StringContent(sneaky.ToJsonString(), Encoding.UTF8, "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("unknownDevelopment", refused.Errors().Single()["code"]!.GetValue<string>());

        // The data centre's owner sees its own 50 MW: a different, larger bottleneck from 2026.
        var own = await (await hub.Client("CLUSTER6", "Reader").GetAsync("/api/v1/bottlenecks?operator=STEDIN&scenario=committed&fromYear=2026&toYear=2032")).Body();
        Assert.Equal(2026, own["items"]![0]!["firstYear"]!.GetValue<int>());

        // A quickscan for a charging hub next to the homes in 2028: 20 × 0.05 MW × 0.6 = 0.6 MW more on a full area.
        var scan = JsonNode.Parse("""{"geometry":{"type":"Point","coordinates":[5.17,52.04]},"kind":"chargingHub","quantity":{"value":20,"unit":"chargingPoints"},"year":2028}""")!;
        var created = await houten.PostAsync("/api/v1/quickscans", new StringContent(scan.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = await created.Body();
        var outcome = result["outcome"]!;
        Assert.Equal("doesNotFit", outcome["verdict"]!.GetValue<string>());
        Assert.Equal(0.6, outcome["addedPeakMw"]!.GetValue<double>(), 6);
        var here = outcome["areas"]![0]!;
        Assert.Equal("OS Houten", here["shortCode"]!.GetValue<string>());
        // 2 − 2.4 − 0.6 = −1.0 MW in 2028 (expected scenario); from 2029 the works give 10 MW.
        Assert.Equal(-1.0, here["headroom"]!.AsArray().Single(h => h!["year"]!.GetValue<int>() == 2028 && h["scenario"]!.GetValue<string>() == "expected")!["headroomMw"]!.GetValue<double>(), 6);
        Assert.Equal("fits", Quickscan(here, 2029));
        var alternative = outcome["alternatives"]![0]!;
        Assert.Equal("OS Bunnik", alternative["shortCode"]!.GetValue<string>());
        Assert.Equal(29.4, alternative["headroomMw"]!.GetValue<double>(), 6);

        // Stated MW instead of a quantity: 1 MW × 0.6 = 0.6 MW; 40 MW would not fit anywhere near.
        var stated = JsonNode.Parse("""{"geometry":{"type":"Point","coordinates":[5.17,52.07]},"kind":"chargingHub","peakOfftakeMw":1,"year":2028}""")!;
        var fits = await (await houten.PostAsync("/api/v1/quickscans", new StringContent(stated.ToJsonString(), Encoding.UTF8, "application/json"))).Body();
        Assert.Equal("fits", fits["outcome"]!["verdict"]!.GetValue<string>());

        // Quickscans are the asking organisation's: others get 404, and the list holds only its own.
        var id = result["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await houten.GetAsync($"/api/v1/quickscans/{id}")).StatusCode);
        await (await province.GetAsync($"/api/v1/quickscans/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty((await (await province.GetAsync("/api/v1/quickscans")).Body())["items"]!.AsArray());
        Assert.Equal(2, (await (await houten.GetAsync("/api/v1/quickscans")).Body())["items"]!.AsArray().Count);
        var bad = await houten.PostAsync("/api/v1/quickscans", new StringContent("""{"geometry":{"type":"Point","coordinates":[136000,455000]},"kind":"spaceport","year":1990}""", Encoding.UTF8, "application/json"));
        var problem = await bad.Problem(HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "/geometry/coordinates", "/sector", "/year" }, problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet());

        // Per municipality, by carrier and sector: Houten's homes, 2.4 MW in 2027; the confidential data centre is not there.
        var byMunicipality = await (await province.GetAsync("/api/v1/development-loads?level=municipality&area=GM0321&scenario=committed&fromYear=2027&toYear=2027")).Body();
        var cells = byMunicipality["items"]!.AsArray();
        var housing = cells.Single(c => c!["sector"]!.GetValue<string>() == "housing" && c["carrier"]!.GetValue<string>() == "electricity")!;
        Assert.Equal(2.4, housing["peakOfftakeMw"]!.GetValue<double>(), 6);
        Assert.DoesNotContain(cells, c => c!["sector"]!.GetValue<string>() == "industry");
        await (await province.GetAsync("/api/v1/development-loads?level=street")).Problem(HttpStatusCode.BadRequest);
        await (await province.GetAsync("/api/v1/bottlenecks?scenario=maybe")).Problem(HttpStatusCode.BadRequest);
        await (await province.GetAsync("/api/v1/area-loads?ruleSet=nope")).Problem(HttpStatusCode.BadRequest);
    }
}

public sealed class GridAnalysisApiOnSqlite(SqliteHub hub) : GridAnalysisApiTests(hub), IClassFixture<SqliteHub>;

public sealed class GridAnalysisApiOnPostgis(PostgresHub hub) : GridAnalysisApiTests(hub), IClassFixture<PostgresHub>;
