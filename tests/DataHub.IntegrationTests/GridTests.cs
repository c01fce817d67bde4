using NJsonSchema;

namespace DataHub.IntegrationTests;

/// <summary>Grid operators push Netbeheer Nederland's capacity-map files as delivered. SQLite and PostGIS.</summary>
public abstract class GridTests(Hub hub)
{
    private static string Example(string file) => File.ReadAllText(Repository.Path("schemas", "im-capaciteitskaart", file));

    [Theory]
    [InlineData("im_capaciteitskaart_dso-20250110.json")]
    [InlineData("im_capaciteitskaart_tso-20250120.json")]
    public async Task The_example_files_are_valid_against_Netbeheer_Nederlands_schema(string file)
    {
        // NJsonSchema reads draft-7: the format's 2019-09 "$defs" are renamed for it, nothing else changes.
        var schema = await JsonSchema.FromJsonAsync(Example("im_capaciteitskaart.schema.json").Replace("$defs", "definitions"));
        Assert.Empty(schema.Validate(Example(file)));
    }

    [Fact]
    public async Task A_grid_operator_imports_its_capacity_map_as_delivered_and_a_reimport_changes_nothing()
    {
        var stedin = hub.Client("STEDIN");
        var first = await stedin.PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_dso-20250110.json")));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var report = await first.Body();
        Assert.Equal(1, report["created"]!.GetValue<int>());
        Assert.Equal("test_data_im_capaciteitskaart", report["identifier"]!.GetValue<string>());
        var again = await (await stedin.PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_dso-20250110.json")))).Body();
        Assert.Equal(1, again["unchanged"]!.GetValue<int>());

        var changed = JsonNode.Parse(Example("im_capaciteitskaart_dso-20250110.json"))!;
        changed["energy_areas"]![0]!["demand_available_capacity"] = 12;
        // A dry run says what the import would change and stores nothing: no id, no new version.
        var trial = await stedin.PostAsync("/api/v1/capacity-map-imports?dryRun=true", Json(changed.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
        var trialReport = await trial.Body();
        Assert.Equal((true, 1, 0, 0), (trialReport["dryRun"]!.GetValue<bool>(), trialReport["updated"]!.GetValue<int>(), trialReport["created"]!.GetValue<int>(), trialReport["unchanged"]!.GetValue<int>()));
        Assert.Null(trialReport["id"]);
        Assert.Equal(1, (await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=STEDIN")).Body())["items"]![0]!["version"]!.GetValue<int>());
        await (await stedin.PostAsync("/api/v1/capacity-map-imports?dryRun=maybe", Json(changed.ToJsonString()))).Problem(HttpStatusCode.BadRequest);
        var third = await (await stedin.PostAsync("/api/v1/capacity-map-imports", Json(changed.ToJsonString()))).Body();
        Assert.Equal(1, third["updated"]!.GetValue<int>());

        var areas = await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=STEDIN")).Body();
        var area = Assert.Single(areas["items"]!.AsArray());
        Assert.Equal("OS FICTIEF 20-3i", area!["shortCode"]!.GetValue<string>());
        Assert.Equal(12, area["demand"]!["availableMw"]!.GetValue<double>());
        Assert.Equal(2, area["version"]!.GetValue<int>());
        Assert.Equal(2, area["works"]!.AsArray().Count);
        Assert.Equal("red", area["postcodeAreas"]![1]!["demand_constraint"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await hub.Client().GetAsync($"/api/v1/energy-areas/{area["id"]}")).StatusCode);
        // The import report is the operator's.
        await (await hub.Client("LIANDER").GetAsync($"/api/v1/capacity-map-imports/{report["id"]}")).Problem(HttpStatusCode.NotFound);

        var tennet = await (await hub.Client("TENNET").PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_tso-20250120.json")))).Body();
        Assert.True(tennet["created"]!.GetValue<int>() >= 1);
        var congestion = await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=TENNET&kind=congestion_area")).Body();
        var drenthe = congestion["items"]!.AsArray().Single(a => a!["shortCode"]!.GetValue<string>() == "Drenthe")!;

        // The TSO congestion area ↔ energy area links: OS FICTIEF1 lies in Drenthe (demand) and GDO, Noordelijk Deelgebied (generation).
        var linked = (await (await hub.Client().GetAsync("/api/v1/energy-areas?congestionArea=Drenthe")).Body())["items"]!.AsArray();
        var fictief = Assert.Single(linked)!;
        Assert.Equal("OS FICTIEF1", fictief["shortCode"]!.GetValue<string>());
        var links = fictief["congestionAreas"]!.AsArray();
        Assert.Equal(["demand", "generation"], links.Select(l => l!["direction"]!.GetValue<string>()));
        Assert.Equal(drenthe["id"]!.GetValue<string>(), links[0]!["id"]!.GetValue<string>());
        Assert.Equal("TENNET", links[0]!["operator"]!.GetValue<string>());
        Assert.Equal("GDO, Noordelijk Deelgebied", links[1]!["shortCode"]!.GetValue<string>());
        Assert.Empty((await (await hub.Client().GetAsync("/api/v1/energy-areas?congestionArea=Nowhere")).Body())["items"]!.AsArray());
    }

    [Fact]
    public async Task The_operator_adds_boundaries_and_capacity_per_year_which_later_capacity_maps_keep()
    {
        var enexis = hub.Client("ENEXIS");
        var map = JsonNode.Parse(Example("im_capaciteitskaart_dso-20250110.json"))!;
        map["energy_areas"]![0]!["short_code"] = "OS Eindhoven-Noord";
        Assert.Equal(HttpStatusCode.Created, (await enexis.PostAsync("/api/v1/capacity-map-imports", Json(map.ToJsonString()))).StatusCode);

        // A square of 2 × 2 km around RD (161000, 386000), in RD New.
        var areas = """
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[160000,385000],[162000,385000],[162000,387000],[160000,387000],[160000,385000]]]},
              "properties":{"shortCode":"OS Eindhoven-Noord","capacity":[{"year":2025,"offtakeMw":12,"feedInMw":8},{"year":2027,"offtakeMw":40,"feedInMw":25}]}}]}
            """;
        var content = Http.GeoJson(areas, "EPSG:28992");
        var trial = await (await enexis.PostAsync("/api/v1/energy-area-imports?dryRun=true", Http.GeoJson(areas, "EPSG:28992"))).Body();
        Assert.Equal((true, 1, 0), (trial["dryRun"]!.GetValue<bool>(), trial["updated"]!.GetValue<int>(), trial["unchanged"]!.GetValue<int>()));
        Assert.Null(trial["id"]);
        Assert.Null((await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=ENEXIS")).Body())["items"]![0]!["geometry"]);
        var report = await (await enexis.PostAsync("/api/v1/energy-area-imports", content)).Body();
        Assert.Equal(1, report["updated"]!.GetValue<int>());
        var again = await (await enexis.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas, "EPSG:28992"))).Body();
        Assert.Equal(1, again["unchanged"]!.GetValue<int>());

        // A new capacity map keeps the boundary and the series.
        map["energy_areas"]![0]!["demand_available_capacity"] = 3;
        Assert.Equal(HttpStatusCode.Created, (await enexis.PostAsync("/api/v1/capacity-map-imports", Json(map.ToJsonString()))).StatusCode);
        var area = (await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=ENEXIS")).Body())["items"]![0]!;
        Assert.Equal("Polygon", area["geometry"]!["type"]!.GetValue<string>());
        Assert.InRange(area["geometry"]!["coordinates"]![0]![0]![0]!.GetValue<double>(), 5.4, 5.5); // stored in CRS84
        Assert.Equal(40, area["capacity"]![1]!["offtakeMw"]!.GetValue<double>());
        Assert.Equal(3, area["demand"]!["availableMw"]!.GetValue<double>());
        Assert.Equal(3, area["version"]!.GetValue<int>());

        // An area the operator never delivered, a point, a negative capacity: all reported, nothing stored.
        var bad = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Point","coordinates":[5.47,51.47]},"properties":{"shortCode":"OS Eindhoven-Noord","capacity":[{"year":2025,"offtakeMw":-1,"feedInMw":8}]}},
              {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.4,51.4],[5.5,51.4],[5.5,51.5],[5.4,51.4]]]},"properties":{"shortCode":"OS Nergens","capacity":[]}}]}
            """;
        var problem = await (await enexis.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(bad))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "/features/0/geometry/type", "/features/0/properties/capacity/0/offtakeMw", "/features/1/properties/shortCode" }, pointers);
        Assert.Equal(3, (await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=ENEXIS")).Body())["items"]![0]!["version"]!.GetValue<int>());
        await (await hub.Client("GM0344").PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas, "EPSG:28992"))).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stations_are_pushed_as_points_versioned_and_public_to_read()
    {
        var stedin = hub.Client("STEDIN");
        string Stations(string name) => $$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Point","coordinates":[136000,455000]},"properties":{"code":"UTR-LOM","name":"{{{name}}}","voltagesKv":[20,150],"energyAreaShortCode":"OS Utrecht"}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[140000,450000]},"properties":{"code":"NWG","name":"Nieuwegein","voltagesKv":[50,10]}}]}
            """;
        var first = await (await stedin.PostAsync("/api/v1/station-imports", Http.GeoJson(Stations("Lombok"), "EPSG:28992"))).Body();
        Assert.Equal(2, first["created"]!.GetValue<int>());
        var second = await (await stedin.PostAsync("/api/v1/station-imports", Http.GeoJson(Stations("Utrecht Lombok"), "EPSG:28992"))).Body();
        Assert.Equal((1, 1), (second["updated"]!.GetValue<int>(), second["unchanged"]!.GetValue<int>()));
        var list = (await (await hub.Client().GetAsync("/api/v1/stations?operator=STEDIN")).Body())["items"]!.AsArray();
        var lombok = list.Single(s => s!["code"]!.GetValue<string>() == "UTR-LOM")!;
        Assert.Equal(("Utrecht Lombok", 2, 150), (lombok["name"]!.GetValue<string>(), lombok["version"]!.GetValue<int>(), lombok["voltagesKv"]![0]!.GetValue<int>()));
        Assert.InRange(lombok["geometry"]!["coordinates"]![0]!.GetValue<double>(), 5.0, 5.2); // stored in CRS84

        var bad = """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]]]},"properties":{"code":"X","voltagesKv":[0]}}]}""";
        var problem = await (await stedin.PostAsync("/api/v1/station-imports", Http.GeoJson(bad))).Problem(HttpStatusCode.BadRequest);
        Assert.Superset(new HashSet<string> { "/features/0/geometry/type", "/features/0/properties/name", "/features/0/properties/voltagesKv/0" },
            problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet());
        await (await hub.Client("GM0344").PostAsync("/api/v1/station-imports", Http.GeoJson(Stations("x"), "EPSG:28992"))).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_grid_operators_deliver_capacity_maps()
    {
        var before = await StoreCounts.Of(hub);
        await (await hub.Client("GM0344").PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_dso-20250110.json")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("LIANDER", "Reader").PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_dso-20250110.json")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client().PostAsync("/api/v1/capacity-map-imports", Json(Example("im_capaciteitskaart_dso-20250110.json")))).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_bad_capacity_map_lists_every_error_and_stores_nothing()
    {
        var bad = JsonNode.Parse(Example("im_capaciteitskaart_dso-20250110.json"))!;
        var area = bad["energy_areas"]![0]!.AsObject();
        area["demand_available_capacity"] = -5;
        area["generation_constraint"] = "purple";
        area["works"]![1]!["time_schedules"]![0]!["schedule_interval"]!["quarter"] = 7;
        area["postcode_areas"]![0]!["postcode"] = "ABC";
        var copy = JsonNode.Parse(area.ToJsonString())!;
        copy.AsObject().Remove("works");
        bad["energy_areas"]!.AsArray().Add(copy);
        bad.AsObject().Remove("identifier");
        var liander = hub.Client("LIANDER");
        var problem = await (await liander.PostAsync("/api/v1/capacity-map-imports", Json(bad.ToJsonString()))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/identifier", "/energy_areas/0/demand_available_capacity", "/energy_areas/0/generation_constraint",
            "/energy_areas/0/works/1/time_schedules/0/schedule_interval/quarter", "/energy_areas/0/postcode_areas/0/postcode",
            "/energy_areas/1/short_code", "/energy_areas/1/works",
        }, pointers);
        var areas = await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=LIANDER")).Body();
        Assert.Empty(areas["items"]!.AsArray());
    }
}

public sealed class GridOnSqlite(SqliteHub hub) : GridTests(hub), IClassFixture<SqliteHub>;

public sealed class GridOnPostgis(PostgresHub hub) : GridTests(hub), IClassFixture<PostgresHub>;
