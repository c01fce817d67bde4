using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static DataHub.IntegrationTests.Infrastructure.GraphQL;

namespace DataHub.IntegrationTests;

/// <summary>
/// The grid through GraphQL on both databases: energy areas asOf a moment with their capacity, loads and bottlenecks,
/// the areas that serve a development, a development's versions and load, and a grid operator's imports by mutation.
/// </summary>
public abstract class GraphQLGridTests(Hub hub)
{
    [Fact]
    public async Task Energy_areas_asked_asOf_a_moment_answer_with_that_moments_capacity_loads_and_bottlenecks()
    {
        var stedin = hub.Client("STEDIN", "Submitter");
        var code = $"AO-{Id()}";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"asof","issued":"2026-11-01","energy_areas":[{"short_code":"{{code}}","works":[]}]}
            """))).StatusCode);
        async Task Areas(string offtake) => Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.60,52.30],[5.64,52.30],[5.64,52.32],[5.60,52.32],[5.60,52.30]]]},
              "properties":{"shortCode":"{{{code}}}","capacity":[{"year":2025,"offtakeMw":{{{offtake}}},"feedInMw":1}]}}]}
            """))).StatusCode);
        await Areas("0.1");
        // Homes, public: every reader counts their load (by the rule set) in the area.
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("CLUSTER6", "Submitter").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.62, 52.31)))).StatusCode);
        await Task.Delay(20);
        var at = DateTime.UtcNow.ToString("O");
        await Task.Delay(20);
        await Areas("50"); // the operator adds capacity: the bottleneck is gone from now on

        var reader = hub.Client("PV26", "Reader");
        const string Query = """
            query($at: DateTime) { energyAreas(operator: "STEDIN", asOf: $at, first: 200) { nodes {
              shortCode capacity { year offtakeMw }
              loads(scenario: "expected", fromYear: 2026, toYear: 2030) { year peakOfftakeMw availableOfftakeMw }
              bottlenecks(scenario: "expected", fromYear: 2026, toYear: 2030) { direction scenario firstYear }
              developments { id } } } }
            """;
        JsonNode Area(JsonNode data) => data["energyAreas"]!["nodes"]!.AsArray().Single(n => n!["shortCode"]!.GetValue<string>() == code)!;
        var then = Area(Data(await Ask(reader, Query, new JsonObject { ["at"] = at })));
        var now = Area(Data(await Ask(reader, Query)));
        var q = $"area={Uri.EscapeDataString(code)}&scenario=expected&fromYear=2026&toYear=2030";
        AssertSelectionOf((await (await reader.GetAsync($"/api/v1/bottlenecks?{q}&asOf={Uri.EscapeDataString(at)}")).Body())["items"], then["bottlenecks"], "bottlenecks asOf");
        AssertSelectionOf((await (await reader.GetAsync($"/api/v1/area-loads?{q}&asOf={Uri.EscapeDataString(at)}")).Body())["items"], then["loads"], "loads asOf");
        AssertSelectionOf((await (await reader.GetAsync($"/api/v1/bottlenecks?{q}")).Body())["items"], now["bottlenecks"], "bottlenecks now");
        Assert.Equal((0.1, 50.0), (then["capacity"]![0]!["offtakeMw"]!.GetValue<double>(), now["capacity"]![0]!["offtakeMw"]!.GetValue<double>()));
        Assert.NotEmpty(then["bottlenecks"]!.AsArray());
        Assert.Empty(now["bottlenecks"]!.AsArray());
        Assert.Single(then["developments"]!.AsArray());
    }

    [Fact]
    public async Task A_development_names_the_energy_areas_that_serve_it_and_one_outside_every_area_none()
    {
        var operatorClient = hub.Client("WESTLANDINFRA", "Submitter");
        var code = $"SV-{Id()}";
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"serving","issued":"2026-11-01",
             "energy_areas":[{"short_code":"{{code}}","works":[]}]}
            """))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync("/api/v1/energy-area-imports", Http.GeoJson($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[6.60,52.50],[6.64,52.50],[6.64,52.52],[6.60,52.52],[6.60,52.50]]]},
             "properties":{"shortCode":"{{{code}}}","capacity":[{"year":2025,"offtakeMw":5,"feedInMw":5}]}}]}
            """))).StatusCode);
        var owner = hub.Client("GM0193", "Submitter");
        var (inside, outside) = ($"in-{Id()}", $"out-{Id()}");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(inside, 6.62, 52.51)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(outside, 6.90, 52.51)))).StatusCode);

        var data = Data(await Ask(hub.Client("PV26", "Reader"), $$$"""
            { developments(externalId: "{{{inside}}},{{{outside}}}", first: 10) { nodes { externalId energyAreas { shortCode operator name } } } }
            """));
        var nodes = data["developments"]!["nodes"]!.AsArray();
        var areas = nodes.Single(n => n!["externalId"]!.GetValue<string>() == inside)!["energyAreas"]!.AsArray();
        Assert.Equal((code, "WESTLANDINFRA"), (areas.Single()!["shortCode"]!.GetValue<string>(), areas.Single()!["operator"]!.GetValue<string>()));
        Assert.Equal($"WESTLANDINFRA {code}", areas.Single()!["name"]!.GetValue<string>()); // no description given: operator and short code
        Assert.Empty(nodes.Single(n => n!["externalId"]!.GetValue<string>() == outside)!["energyAreas"]!.AsArray());
    }

    [Fact]
    public async Task A_grid_operator_imports_its_capacity_map_and_stations_through_mutations_dry_run_first()
    {
        var stedin = hub.Client("STEDIN", "Submitter");
        var code = $"GQ-{Id()}";
        var map = JsonNode.Parse($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"gq","issued":"2026-11-01","energy_areas":[{"short_code":"{{code}}","works":[]}]}
            """);
        const string Import = "mutation($m: JSON!, $d: Boolean) { importCapacityMap(input: $m, dryRun: $d) { ok status id record { id created updated unchanged dryRun } } }";
        var dry = Data(await Ask(stedin, Import, new JsonObject { ["m"] = map!.DeepClone(), ["d"] = true }))["importCapacityMap"]!;
        Assert.Equal((200, 1, true), (dry["status"]!.GetValue<int>(), dry["record"]!["created"]!.GetValue<int>(), dry["record"]!["dryRun"]!.GetValue<bool>()));
        Assert.Null(dry["id"]);
        Assert.Equal(0, (await (await stedin.GetAsync($"/api/v1/energy-areas?operator=STEDIN")).Body())["items"]!.AsArray().Count(a => a!["shortCode"]!.GetValue<string>() == code));

        var done = Data(await Ask(stedin, Import, new JsonObject { ["m"] = map.DeepClone() }))["importCapacityMap"]!;
        Assert.Equal((201, 1), (done["status"]!.GetValue<int>(), done["record"]!["created"]!.GetValue<int>()));
        var importId = done["id"]!.GetValue<string>();
        // The report as REST shows it, to the operator only.
        var report = Data(await Ask(stedin, $$"""{ capacityMapImport(id: "{{importId}}") { id operator created } }"""))["capacityMapImport"]!;
        Assert.Equal(("STEDIN", 1), (report["operator"]!.GetValue<string>(), report["created"]!.GetValue<int>()));
        Assert.Null(Data(await Ask(hub.Client("ENEXIS", "Submitter"), $$"""{ capacityMapImport(id: "{{importId}}") { id } }"""))["capacityMapImport"]);

        // A station in RD New, read as REST reads Content-Crs; a second import of the same is unchanged.
        var stations = JsonNode.Parse($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[155000,463000]},
              "properties":{"code":"{{{code}}}","name":"Amersfoort GQ","voltagesKv":[150,20],"energyAreaShortCode":"{{{code}}}"}}]}
            """);
        const string Stations = "mutation($s: JSON!) { importStations(input: $s, contentCrs: \"EPSG:28992\") { ok record { created unchanged } } }";
        Assert.Equal(1, Data(await Ask(stedin, Stations, new JsonObject { ["s"] = stations!.DeepClone() }))["importStations"]!["record"]!["created"]!.GetValue<int>());
        Assert.Equal(1, Data(await Ask(stedin, Stations, new JsonObject { ["s"] = stations.DeepClone() }))["importStations"]!["record"]!["unchanged"]!.GetValue<int>());
        var station = (await (await stedin.GetAsync("/api/v1/stations?operator=STEDIN")).Body())["items"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == code)!;
        Assert.InRange(station["geometry"]!["coordinates"]![0]!.GetValue<double>(), 5.38, 5.39); // Amersfoort, in CRS84
    }

    [Fact]
    public async Task A_developments_versions_load_and_areas_and_an_energy_areas_loads_answer_as_REST()
    {
        var houten = hub.Client("GM0321", "Submitter");
        var external = Id();
        var id = (await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(Point(external, 5.17, 52.03,
            p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 400, ["unit"] = "homes" }))))).Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await houten.Send(HttpMethod.Put, $"/api/v1/developments/{id}", Http.GeoJson(Point(external, 5.17, 52.03,
            p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2028, ["value"] = 600, ["unit"] = "homes" }))), "\"1\"")).StatusCode);
        var reader = hub.Client("PV26", "Reader");
        var d = Data(await Ask(reader, $$"""
            { development(id: "{{id}}") { municipality { name } province { code } versions { version quantities { year value } } load(fromYear: 2026, toYear: 2030) { ruleSet years { year carrier peakOfftakeMw } } } }
            """))["development"]!;
        Assert.Equal(("Houten", "PV26"), (d["municipality"]!["name"]!.GetValue<string>(), d["province"]!["code"]!.GetValue<string>()));
        var restVersions = await (await reader.GetAsync($"/api/v1/developments/{id}/versions")).Body();
        Assert.Equal(restVersions["features"]!.AsArray().Select(f => f!["properties"]!["version"]!.GetValue<int>()), d["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal([400.0, 600.0], d["versions"]!.AsArray().Select(v => v!["quantities"]![0]!["value"]!.GetValue<double>()));
        var restLoad = await (await reader.GetAsync($"/api/v1/developments/{id}/load?fromYear=2026&toYear=2030")).Body();
        Assert.Equal(restLoad["ruleSet"]!.GetValue<string>(), d["load"]!["ruleSet"]!.GetValue<string>());
        Assert.Equal(restLoad["years"]!.AsArray().Select(y => (y!["year"]!.GetValue<int>(), y["carrier"]!.GetValue<string>(), y["peakOfftakeMw"]!.GetValue<double>())),
            d["load"]!["years"]!.AsArray().Select(y => (y!["year"]!.GetValue<int>(), y["carrier"]!.GetValue<string>(), y["peakOfftakeMw"]!.GetValue<double>())));

        // An energy area's loads: the same figures as GET /area-loads.
        var code = $"OS Loads {Id()}";
        var stedin = hub.Client("STEDIN", "Submitter");
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"gql-loads","issued":"2026-11-01","energy_areas":[{"short_code":"{{code}}","works":[]}]}
            """))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.16,52.02],[5.18,52.02],[5.18,52.04],[5.16,52.04],[5.16,52.02]]]},
              "properties":{"shortCode":"{{{code}}}","capacity":[{"year":2025,"offtakeMw":3,"feedInMw":1}]}}]}
            """))).StatusCode);
        var rest = await (await reader.GetAsync($"/api/v1/area-loads?operator=STEDIN&area={Uri.EscapeDataString(code)}&scenario=expected&fromYear=2026&toYear=2030")).Body();
        var gql = Data(await Ask(reader, """{ energyAreas(operator: "STEDIN", first: 200) { nodes { shortCode loads(scenario: "expected", fromYear: 2026, toYear: 2030) { year scenario peakOfftakeMw availableOfftakeMw offtakeBySector } } } }"""))
            ["energyAreas"]!["nodes"]!.AsArray().Single(a => a!["shortCode"]!.GetValue<string>() == code)!["loads"]!.AsArray();
        Assert.Equal(rest["items"]!.AsArray().Count, gql.Count);
        for (var i = 0; i < gql.Count; i++)
            foreach (var key in new[] { "year", "scenario", "peakOfftakeMw", "availableOfftakeMw", "offtakeBySector" })
                Assert.True(JsonNode.DeepEquals(rest["items"]![i]![key], gql[i]![key]), $"[{i}].{key}: REST {rest["items"]![i]![key]?.ToJsonString()}, GraphQL {gql[i]![key]?.ToJsonString()}");
        Assert.Contains(gql, l => l!["peakOfftakeMw"]!.GetValue<double>() > 0);
    }
}

public sealed class GraphQLGridOnSqlite(SqliteHub hub) : GraphQLGridTests(hub), IClassFixture<SqliteHub>;

public sealed class GraphQLGridOnPostgis(PostgresHub hub) : GraphQLGridTests(hub), IClassFixture<PostgresHub>;
