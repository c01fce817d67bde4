using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DataHub.IntegrationTests.Infrastructure.Features;

namespace DataHub.IntegrationTests;

/// <summary>
/// GraphQL over HTTP on both databases: the transport, the cost limits under hostile queries, the same answers and
/// access decisions as REST (also through nested paths), writes with typed errors, and no round trip per result.
/// </summary>
public abstract class GraphQLTests(Hub hub)
{
    private static async Task<JsonNode> Ask(HttpClient client, string query, JsonObject? variables = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = variables;
        var response = await client.PostAsync("/api/v1/graphql", Json(body.ToJsonString()));
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Data(JsonNode answer)
    {
        Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
        return answer["data"]!;
    }

    [Fact]
    public async Task The_transport_follows_GraphQL_over_HTTP()
    {
        var client = hub.Client("PV26", "Reader");
        // POST and GET; the response media type, or application/json for older clients.
        Assert.Equal("PV26", Data(await Ask(client, "{ me { organisation } }"))["me"]!["organisation"]!.GetValue<string>());
        var get = await client.GetAsync("/api/v1/graphql?query=" + Uri.EscapeDataString("query Q($c: String!) { area(code: $c) { name } }")
            + "&variables=" + Uri.EscapeDataString("""{"c":"GM0321"}""") + "&operationName=Q");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("Houten", JsonNode.Parse(await get.Content.ReadAsStringAsync())!["data"]!["area"]!["name"]!.GetValue<string>());
        var legacy = new HttpRequestMessage(HttpMethod.Post, "/api/v1/graphql") { Content = Json("""{"query":"{ nope }"}"""), Headers = { { "Accept", "application/json" } } };
        var old = await client.SendAsync(legacy);
        Assert.Equal((HttpStatusCode.OK, "application/json"), (old.StatusCode, old.Content.Headers.ContentType?.MediaType));
        // A document that never executes is a 400 with graphql-response+json; the error names the field.
        var invalid = await client.PostAsync("/api/v1/graphql", Json("""{"query":"{ nope }"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("nope", (await invalid.Content.ReadAsStringAsync()));
        // Mutations are not sent over GET.
        var mutation = await client.GetAsync("/api/v1/graphql?query=" + Uri.EscapeDataString("mutation { retireDevelopment(id: \"x\", ifMatch: \"1\") { ok } }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
        Assert.Equal("POST", mutation.Content.Headers.Allow.Single());
        // Not JSON, or not acceptable: problems.
        await (await client.PostAsync("/api/v1/graphql", Json("{"))).Problem(HttpStatusCode.BadRequest);
        await (await client.PostAsync("/api/v1/graphql", new StringContent("{ me { organisation } }", Encoding.UTF8, "text/plain"))).Problem(HttpStatusCode.UnsupportedMediaType);
        // A batch: one answer per operation, in order.
        var batch = await client.PostAsync("/api/v1/graphql", Json("""[{"query":"{ me { organisation } }"},{"query":"{ area(code: \"PV26\") { name } }"}]"""));
        var answers = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(("PV26", "Utrecht"), (answers[0]!["data"]!["me"]!["organisation"]!.GetValue<string>(), answers[1]!["data"]!["area"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Hostile_queries_are_refused_with_a_clear_error_not_a_crash()
    {
        var client = hub.Client("PV26", "Reader");
        // Deep nesting: areas → municipalities → … beyond the depth limit.
        var deep = "{ area(code: \"PV26\") { " + string.Concat(Enumerable.Repeat("municipalities { ", 14)) + "code" + new string('}', 14) + " } }";
        var tooDeep = await Ask(client, deep);
        Assert.Null(tooDeep["data"]);
        Assert.Contains("depth", tooDeep["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // Aliases × 1,000 of a costly field: over the complexity limit before anything runs.
        var aliases = "{ " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"a{i}: developments(first: 500) {{ totalCount nodes {{ id name }} }} ")) + "}";
        var tooCostly = await Ask(client, aliases);
        Assert.Null(tooCostly["data"]);
        Assert.Contains("complexity", tooCostly["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // A page larger than allowed.
        var page = await Ask(client, "{ developments(first: 100000) { totalCount } }");
        Assert.Equal("pageSize", page["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // A huge batch.
        var many = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ me { organisation } }"}""", 11)) + "]";
        var problem = await (await client.PostAsync("/api/v1/graphql", Json(many))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("at most 10", problem["detail"]!.GetValue<string>());
        // The hub still answers.
        Assert.Equal("PV26", Data(await Ask(client, "{ me { organisation } }"))["me"]!["organisation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reads_answer_as_REST_does_with_the_same_access_decisions_also_through_nested_paths()
    {
        // A confidential data centre (hidden from the province), a public one, and shared-in-detail homes, in an area of their own.
        var shortCode = $"OS Test {Id()}";
        var stedin = hub.Client("STEDIN", "Submitter");
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"gql","issued":"2026-11-01","energy_areas":[{"short_code":"{{shortCode}}","works":[]}]}
            """))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5.40,52.15],[5.44,52.15],[5.44,52.17],[5.40,52.17],[5.40,52.15]]]},
              "properties":{"shortCode":"{{{shortCode}}}","capacity":[{"year":2025,"offtakeMw":1,"feedInMw":1}]}}]}
            """))).StatusCode);
        var owner = hub.Client("CLUSTER6", "Submitter");
        async Task<string> Create(string visibility, double lon) => (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), lon, 52.16, p =>
        {
            p["visibility"] = visibility; p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "dataCentre"; p["assetType"] = "consumer";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2026, ["value"] = 5, ["unit"] = "MW" });
            p["energy"] = new JsonArray(new JsonObject { ["year"] = 2026, ["carrier"] = "electricity", ["peakOfftakeMw"] = 5 });
        })))).Body())["id"]!.GetValue<string>();
        var hidden = await Create("confidential", 5.41);
        var open = await Create("public", 5.42);
        var province = hub.Client("PV26", "Reader");

        // One: hidden is null (like REST's 404), the public one masked exactly as REST masks it.
        var one = Data(await Ask(province, $$"""{ h: development(id: "{{hidden}}") { id } o: development(id: "{{open}}") { id energy { year } withheld } }"""));
        Assert.Null(one["h"]);
        var rest = await (await province.GetAsync($"/api/v1/developments/{open}")).Body();
        Assert.Equal(rest["properties"]!["withheld"]!.ToJsonString(), one["o"]!["withheld"]!.ToJsonString());
        Assert.Empty(one["o"]!["energy"]!.AsArray());
        await (await province.GetAsync($"/api/v1/developments/{hidden}")).Problem(HttpStatusCode.NotFound);

        // The list: the same records, the same count, as REST.
        var restList = await (await province.GetAsync("/api/v1/developments?owner=CLUSTER6&limit=1000")).Body();
        var list = Data(await Ask(province, "{ developments(owner: \"CLUSTER6\", first: 500) { totalCount nodes { id } } }"))["developments"]!;
        Assert.Equal(restList["numberMatched"]!.GetValue<long>(), list["totalCount"]!.GetValue<long>());
        Assert.Equal(restList["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order(), list["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(hidden, list.ToJsonString());

        // Nested: the area's developments and a pMIEK project's developments never show the hidden one; the owner sees both.
        var nested = $$"""{ energyAreas(operator: "STEDIN", first: 200) { nodes { shortCode developments { id } } } }""";
        var areaOf = (JsonNode d) => d["energyAreas"]!["nodes"]!.AsArray().Single(a => a!["shortCode"]!.GetValue<string>() == shortCode)!["developments"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([open], areaOf(Data(await Ask(province, nested))));
        Assert.Equal([hidden, open], areaOf(Data(await Ask(owner, nested))).Order());
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV26", 2027);
        // The coordinator cannot link what it cannot see; Stedin (which sees both through no agreement either) links the public one.
        var project = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
            {"cycle":"{{cycle}}","code":"gql-{{Id()}}","name":"P","infrastructureType":"storage","carrier":"electricity","projectType":"concrete","developments":["{{open}}"]}
            """))).Body())["id"]!.GetValue<string>();
        var viaProject = Data(await Ask(hub.Client("GM0344", "Reader"), $$"""{ miekProject(id: "{{project}}") { developmentIds developments { id withheld } } }"""));
        Assert.Equal([open], viaProject["miekProject"]!["developments"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()));

        // The pMIEK list as REST's national format: same projects, same decisions.
        var restProjects = await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body();
        var gqlProjects = Data(await Ask(hub.Client("KGG", "NationalIngest"), $$"""{ miekProjects(cycle: "{{cycle}}") { totalCount nodes { id code decision } } }"""))["miekProjects"]!;
        Assert.Equal(restProjects["numberReturned"]!.GetValue<int>(), gqlProjects["totalCount"]!.GetValue<int>());
        Assert.Equal(restProjects["items"]![0]!["code"]!.GetValue<string>(), gqlProjects["nodes"]![0]!["code"]!.GetValue<string>());
        // A municipality elsewhere reads nothing of Utrecht's pMIEK.
        Assert.Null(Data(await Ask(hub.Client("GM0202", "Reader"), $$"""{ miekProject(id: "{{project}}") { id } }"""))["miekProject"]);
    }

    [Fact]
    public async Task Writes_go_through_the_same_validation_with_typed_errors_and_store_nothing_on_failure()
    {
        var houten = hub.Client("GM0321", "Submitter");
        const string Mutation = """
            mutation($f: JSON!) { createDevelopment(input: $f) {
              ok status id etag errors { pointer code message } result
              record { id externalId name sector version municipality { code } geometry(crs: "EPSG:28992") } } }
            """;
        var feature = Point(Id(), 5.17, 52.03);
        var created = Data(await Ask(houten, Mutation, new JsonObject { ["f"] = feature }))["createDevelopment"]!;
        Assert.True(created["ok"]!.GetValue<bool>());
        var id = created["id"]!.GetValue<string>();
        Assert.Equal((201, "\"1\""), (created["status"]!.GetValue<int>(), created["etag"]!.GetValue<string>()));
        var stored = await (await houten.GetAsync($"/api/v1/developments/{id}")).Body();
        // The stored record, typed as the graph's Development (its nested fields resolve as in a query), equals REST's.
        var record = created["record"]!;
        Assert.Equal((id, stored["properties"]!["externalId"]!.GetValue<string>(), stored["properties"]!["name"]!.GetValue<string>(), 1, "GM0321"),
            (record["id"]!.GetValue<string>(), record["externalId"]!.GetValue<string>(), record["name"]!.GetValue<string>(), record["version"]!.GetValue<int>(),
             record["municipality"]!["code"]!.GetValue<string>()));
        Assert.InRange(record["geometry"]!["coordinates"]![0]!.GetValue<double>(), 100_000, 200_000); // RD metres, as asked
        Assert.Equal(stored["properties"]!["sector"]!.GetValue<string>(), created["result"]!["properties"]!["sector"]!.GetValue<string>());

        // Invalid: the same errors, pointers and codes as REST gives for the same document.
        var bad = Point(Id(), 5.17, 52.03, p => { p["sector"] = "nonsense"; p["certainty"] = "maybe"; });
        var restProblem = await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(bad))).Problem(HttpStatusCode.BadRequest);
        var failed = Data(await Ask(houten, Mutation, new JsonObject { ["f"] = JsonNode.Parse(bad.ToJsonString()) }))["createDevelopment"]!;
        Assert.False(failed["ok"]!.GetValue<bool>());
        Assert.Null(failed["record"]);
        Assert.Equal(restProblem.Errors().Select(e => (e["pointer"]!.GetValue<string>(), e["code"]!.GetValue<string>())).Order(),
            failed["errors"]!.AsArray().Select(e => (e!["pointer"]!.GetValue<string>(), e["code"]!.GetValue<string>())).Order());

        // A bulk import with one bad item: every failing item reported, nothing stored.
        var before = await (await houten.GetAsync("/api/v1/developments?owner=GM0321&limit=1")).Body();
        var collection = Collection([Point(Id(), 5.17, 52.03), Point(Id(), 5.17, 52.03, p => p["sector"] = "nonsense"), Point(Id(), 5.18, 52.03)]);
        var import = Data(await Ask(houten, "mutation($c: JSON!) { importDevelopments(input: $c) { ok status errors { pointer index code } } }",
            new JsonObject { ["c"] = collection }))["importDevelopments"]!;
        Assert.False(import["ok"]!.GetValue<bool>());
        Assert.Contains(import["errors"]!.AsArray(), e => e!["pointer"]!.GetValue<string>().StartsWith("/features/1", StringComparison.Ordinal));
        var after = await (await houten.GetAsync("/api/v1/developments?owner=GM0321&limit=1")).Body();
        Assert.Equal(before["numberMatched"]!.GetValue<long>(), after["numberMatched"]!.GetValue<long>());

        // Not the caller's: refused as REST refuses; a stale ETag: 412.
        var retire = "mutation($id: String!, $e: String) { retireDevelopment(id: $id, ifMatch: $e) { ok status errors { code } } }";
        var restRefusal = await hub.Client("GM0202", "Submitter").Send(HttpMethod.Delete, $"/api/v1/developments/{id}", null, "\"1\"");
        Assert.Equal((int)restRefusal.StatusCode, Data(await Ask(hub.Client("GM0202", "Submitter"), retire, new JsonObject { ["id"] = id, ["e"] = "\"1\"" }))["retireDevelopment"]!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, restRefusal.StatusCode);
        Assert.Equal(412, Data(await Ask(houten, retire, new JsonObject { ["id"] = id, ["e"] = "\"7\"" }))["retireDevelopment"]!["status"]!.GetValue<int>());
        Assert.True(Data(await Ask(houten, retire, new JsonObject { ["id"] = id, ["e"] = "\"1\"" }))["retireDevelopment"]!["ok"]!.GetValue<bool>());
    }

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
    public async Task An_operation_reading_others_data_in_many_areas_is_audited_once_per_owner_and_kind_of_read()
    {
        // Areas of an operator no other test here uses, so that the query walks exactly these two.
        var operatorClient = hub.Client("RENDO", "Submitter");
        var (east, west) = ($"AU-E-{Id()}", $"AU-W-{Id()}");
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"audit","issued":"2026-11-01",
             "energy_areas":[{"short_code":"{{east}}","works":[]},{"short_code":"{{west}}","works":[]}]}
            """))).StatusCode);
        string Area(string code, double lon) => $$$"""
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[{{{lon}}},52.06],[{{{lon + 0.04}}},52.06],[{{{lon + 0.04}}},52.08],[{{{lon}}},52.08],[{{{lon}}},52.06]]]},
             "properties":{"shortCode":"{{{code}}}","capacity":[{"year":2025,"offtakeMw":1,"feedInMw":1}]}}
            """;
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(
            $$"""{"type":"FeatureCollection","features":[{{Area(west, 5.26)}},{{Area(east, 5.31)}}]}"""))).StatusCode);
        // CLUSTER6's shared (not public) plans, one in each area, shared with the province in detail.
        var owner = hub.Client("CLUSTER6", "Submitter", "OrgAdmin");
        var ids = new List<string>();
        foreach (var lon in new[] { 5.28, 5.33 })
            ids.Add((await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), lon, 52.07, p =>
            {
                p["visibility"] = "shared"; p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "dataCentre"; p["assetType"] = "consumer";
                p["energy"] = new JsonArray(new JsonObject { ["year"] = 2030, ["carrier"] = "electricity", ["peakOfftakeMw"] = 3 });
            })))).Body())["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/sharing-agreements", Json($$"""
            {"recipients":[{"organisation":"PV26"}],"scope":{"records":["{{ids[0]}}","{{ids[1]}}"]},"level":"detail","purpose":"pMIEK","validFrom":"2026-01-01","validTo":"2030-12-31","status":"active"}
            """))).StatusCode);

        var before = (await (await owner.GetAsync("/api/v1/audit-events?limit=1")).Body())["items"]!.AsArray().Single()!["id"]!.GetValue<long>();
        var data = Data(await Ask(hub.Client("PV26", "Reader"), """
            { energyAreas(operator: "RENDO", first: 500) { nodes { shortCode loads(scenario: "expected", fromYear: 2030, toYear: 2030) { peakOfftakeMw } bottlenecks(scenario: "expected") { firstYear } } } }
            """));
        // Both areas carry the plans' load…
        var nodes = data["energyAreas"]!["nodes"]!.AsArray();
        foreach (var code in new[] { east, west })
            Assert.True(nodes.Single(n => n!["shortCode"]!.GetValue<string>() == code)!["loads"]![0]!["peakOfftakeMw"]!.GetValue<double>() > 0, code);
        // …and the owner's trail says so once per kind of read, naming both plans, not once per area.
        var events = (await (await owner.GetAsync("/api/v1/audit-events?limit=100")).Body())["items"]!.AsArray()
            .Where(e => e!["id"]!.GetValue<long>() > before && e["organisation"]!.GetValue<string>() == "PV26").ToList();
        // The detail names the read as REST's does; the surface column says it came through GraphQL.
        var loads = events.Where(e => e!["detail"]!.GetValue<string>().StartsWith("area loads", StringComparison.Ordinal)).ToList();
        Assert.Single(loads);
        Assert.Equal(("graphql", 2), (loads[0]!["surface"]!.GetValue<string>(), loads[0]!["recordCount"]!.GetValue<int>()));
        var bottlenecks = Assert.Single(events, e => e!["detail"]!.GetValue<string>().StartsWith("bottlenecks", StringComparison.Ordinal));
        Assert.Equal("graphql", bottlenecks!["surface"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_mutation_refuses_a_caller_as_its_REST_write_does()
    {
        var cycle = await hub.CycleAsync("PV26", 2029);
        var feature = Point(Id(), 5.17, 52.03).ToJsonString();
        var collection = Collection([Point(Id(), 5.17, 52.03)]).ToJsonString();
        var areas = """{"type":"FeatureCollection","features":[]}""";
        // (caller, mutation, its input, REST method and path, the media type REST takes)
        (HttpClient Caller, string Field, string Input, HttpMethod Method, string Path, string Media)[] writes =
        [
            (hub.Client(), "createDevelopment", feature, HttpMethod.Post, "/api/v1/developments", "application/geo+json"),
            (hub.Client("GM0321", "Reader"), "createDevelopment", feature, HttpMethod.Post, "/api/v1/developments", "application/geo+json"),
            (hub.Client("GM0321", "Reader"), "importDevelopments", collection, HttpMethod.Post, "/api/v1/development-imports", "application/geo+json"),
            (hub.Client("GM0321", "Reader"), "createPlan", """{"code":"p","name":"Plan","planType":"woonagenda"}""", HttpMethod.Post, "/api/v1/plans", "application/json"),
            (hub.Client("CLUSTER6", "Submitter"), "createSharingAgreement", """{"recipients":[{"organisation":"PV26"}]}""", HttpMethod.Post, "/api/v1/sharing-agreements", "application/json"),
            (hub.Client("GM0321", "Submitter"), "importCapacityMap", """{"energy_areas":[]}""", HttpMethod.Post, "/api/v1/capacity-map-imports", "application/json"),
            (hub.Client("GM0321", "Submitter"), "importEnergyAreas", areas, HttpMethod.Post, "/api/v1/energy-area-imports", "application/geo+json"),
            (hub.Client("GM0321", "Submitter"), "importStations", areas, HttpMethod.Post, "/api/v1/station-imports", "application/geo+json"),
            (hub.Client(), "createQuickscan", """{"year":2028}""", HttpMethod.Post, "/api/v1/quickscans", "application/json"),
            (hub.Client(), "createVariant", """{"name":"v"}""", HttpMethod.Post, "/api/v1/variants", "application/json"),
            (hub.Client("GM0344", "ProgrammeCoordinator"), "createProgrammeCycle", """{"code":"c","name":"c","year":2029,"scope":"PV26"}""", HttpMethod.Post, "/api/v1/programme-cycles", "application/json"),
            (hub.Client("GM0344", "Submitter"), "createMiekProject", $$"""{"cycle":"{{cycle}}","code":"x","name":"x"}""", HttpMethod.Post, "/api/v1/miek-projects", "application/json"),
        ];
        foreach (var (caller, field, input, method, path, media) in writes)
        {
            var rest = await caller.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(input, Encoding.UTF8, media) });
            var answer = Data(await Ask(caller, $$"""mutation($i: JSON!) { {{field}}(input: $i) { ok status errors { code } } }""", new JsonObject { ["i"] = JsonNode.Parse(input) }))[field]!;
            Assert.True(rest.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{field} over REST: {(int)rest.StatusCode}");
            Assert.Equal(((int)rest.StatusCode, false), (answer["status"]!.GetValue<int>(), answer["ok"]!.GetValue<bool>()));
        }
        // Writes to a record: the province's framework by another province.
        var framework = """{"code":"f","name":"f","criteria":[]}""";
        var restFramework = await hub.Client("PV27", "ProgrammeCoordinator").PutAsync("/api/v1/weighing-frameworks/PV26", Json(framework));
        var graphFramework = Data(await Ask(hub.Client("PV27", "ProgrammeCoordinator"), "mutation($i: JSON!) { putWeighingFramework(province: \"PV26\", input: $i) { status } }",
            new JsonObject { ["i"] = JsonNode.Parse(framework) }))["putWeighingFramework"]!["status"]!.GetValue<int>();
        Assert.Equal((HttpStatusCode.Forbidden, 403), (restFramework.StatusCode, graphFramework));
        // Nothing of it was stored.
        Assert.Equal(0, Data(await Ask(hub.Client("PV26", "Reader"), $$"""{ miekProjects(cycle: "{{cycle}}") { totalCount } }"""))["miekProjects"]!["totalCount"]!.GetValue<int>());
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
    public async Task A_province_runs_its_cycle_through_mutations_with_typed_records()
    {
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = Data(await Ask(coordinator, """
            mutation($c: JSON!) { createProgrammeCycle(input: $c) { ok etag record { id code status year scope } } }
            """, new JsonObject { ["c"] = JsonNode.Parse($$"""{"code":"gm-{{Id()}}","name":"pMIEK 4.0","year":2029,"scope":"PV26"}""") }))["createProgrammeCycle"]!;
        Assert.Equal(("open", 2029, "PV26"), (cycle["record"]!["status"]!.GetValue<string>(), cycle["record"]!["year"]!.GetValue<int>(), cycle["record"]!["scope"]!.GetValue<string>()));
        var cycleId = cycle["record"]!["id"]!.GetValue<string>();

        var dev = (await (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.17, 52.03)))).Body())["id"]!.GetValue<string>();
        var project = Data(await Ask(coordinator, """
            mutation($p: JSON!) { createMiekProject(input: $p) { ok status etag errors { pointer message } record { id code decision developments { id municipalityCode } } } }
            """, new JsonObject { ["p"] = JsonNode.Parse($$"""
                {"cycle":"{{cycleId}}","code":"p-{{Id()}}","name":"Netuitbreiding Houten","infrastructureType":"mvStationExpansion","carrier":"electricity","projectType":"concrete","developments":["{{dev}}"]}
                """) }))["createMiekProject"]!;
        Assert.True(project["status"]!.GetValue<int>() == 201, project.ToJsonString());
        var record = project["record"]!;
        Assert.Null(record["decision"]);
        // The record's nested fields resolve as in a query: the linked development, through the graph's own loader.
        Assert.Equal((dev, "GM0321"), (record["developments"]![0]!["id"]!.GetValue<string>(), record["developments"]![0]!["municipalityCode"]!.GetValue<string>()));
        var projectId = record["id"]!.GetValue<string>();

        var score = Data(await Ask(coordinator, """
            mutation($id: String!, $s: JSON!) { scoreMiekProject(id: $id, criterion: "A", input: $s) { ok record { criterion value rationale authorOrganisation version } } }
            """, new JsonObject { ["id"] = projectId, ["s"] = JsonNode.Parse("""{"score":"high","rationale":"1.500 woningen."}""") }))["scoreMiekProject"]!;
        Assert.Equal(("A", "high", "1.500 woningen.", "PV26", 1), (score["record"]!["criterion"]!.GetValue<string>(), score["record"]!["value"]!.GetValue<string>(),
            score["record"]!["rationale"]!.GetValue<string>(), score["record"]!["authorOrganisation"]!.GetValue<string>(), score["record"]!["version"]!.GetValue<int>()));
        var decided = Data(await Ask(coordinator, """
            mutation($id: String!, $d: JSON!) { decideMiekProject(id: $id, input: $d) { ok record { value rationale } } }
            """, new JsonObject { ["id"] = projectId, ["d"] = JsonNode.Parse("""{"decision":"notIncluded","reason":"Geen knelpunt voor 2035."}""") }))["decideMiekProject"]!;
        Assert.Equal("notIncluded", decided["record"]!["value"]!.GetValue<string>());
        // What the mutations stored is what REST reads.
        var rest = await (await coordinator.GetAsync($"/api/v1/miek-projects/{projectId}")).Body();
        Assert.Equal(("notIncluded", "Geen knelpunt voor 2035."), (rest["decision"]!.GetValue<string>(), rest["decisionReason"]!.GetValue<string>()));

        // A retire answers without a record: the plain MutationResult.
        var etag = (await coordinator.GetAsync($"/api/v1/miek-projects/{projectId}")).Headers.ETag!.Tag;
        var retired = Data(await Ask(coordinator, "mutation($id: String!, $e: String) { retireMiekProject(id: $id, ifMatch: $e) { ok status } }",
            new JsonObject { ["id"] = projectId, ["e"] = etag }))["retireMiekProject"]!;
        Assert.Equal((true, 204), (retired["ok"]!.GetValue<bool>(), retired["status"]!.GetValue<int>()));
        Assert.True((await (await coordinator.GetAsync($"/api/v1/miek-projects/{projectId}")).Body())["retired"]!.GetValue<bool>());
    }

    /// <summary>Every value GraphQL answered is REST's at the same place (GraphQL answers a selection of REST's fields).</summary>
    private static void AssertSelectionOf(JsonNode? rest, JsonNode? gql, string path)
    {
        switch (gql)
        {
            case JsonObject o:
                foreach (var (key, value) in o) AssertSelectionOf(rest?[key], value, $"{path}.{key}");
                break;
            case JsonArray a:
                Assert.True(rest is JsonArray r && r.Count == a.Count, $"{path}: REST {rest?.ToJsonString()}, GraphQL {a.ToJsonString()}");
                for (var i = 0; i < a.Count; i++) AssertSelectionOf(rest![i], a[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(rest, gql), $"{path}: REST {rest?.ToJsonString()}, GraphQL {gql?.ToJsonString()}");
                break;
        }
    }

    [Fact]
    public async Task The_single_records_reports_and_analyses_answer_as_REST()
    {
        // Data of each kind: a plan, a development with its load, an import, a capacity map, an agreement changed once,
        // a programme cycle, a quickscan and a variant with its comparison.
        var houten = hub.Client("GM0321", "Submitter");
        var plan = (await (await houten.PostAsync("/api/v1/plans", Json($$"""{"code":"tvw-{{Id()}}","name":"Transitievisie Warmte","planType":"TVW","status":"draft","periodStart":2022,"periodEnd":2030}"""))).Body())["id"]!.GetValue<string>();
        var homes = (await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.17, 52.03)))).Body())["id"]!.GetValue<string>();
        var import = (await (await houten.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection([Point(Id(), 5.17, 52.03)])))).Body())["id"]!.GetValue<string>();
        var stedin = hub.Client("STEDIN", "Submitter");
        var map = (await (await stedin.PostAsync("/api/v1/capacity-map-imports", Json($$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"single-{{Id()}}","issued":"2026-11-01","energy_areas":[]}
            """))).Body())["id"]!.GetValue<string>();
        var owner = hub.Client("CLUSTER6", "Submitter", "OrgAdmin");
        var agreement = await owner.PostAsync("/api/v1/sharing-agreements", Json("""
            {"recipients":[{"organisation":"PV26"}],"scope":{"planTypes":["CES"]},"level":"aggregateOnly","purpose":"pMIEK","validFrom":"2026-01-01","validTo":"2030-12-31","status":"active"}
            """));
        var agreementId = (await agreement.Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await owner.Send(HttpMethod.Put, $"/api/v1/sharing-agreements/{agreementId}", Json("""
            {"recipients":[{"organisation":"PV26"}],"scope":{"planTypes":["CES"]},"level":"aggregateOnly","purpose":"pMIEK 3.0","validFrom":"2026-01-01","validTo":"2031-12-31","status":"active"}
            """), agreement.Headers.ETag!.Tag)).StatusCode);
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV26", 2029);
        var province = hub.Client("PV26", "Reader");
        var quickscan = (await (await province.PostAsync("/api/v1/quickscans", Json("""
            {"geometry":{"type":"Point","coordinates":[5.17,52.03]},"kind":"chargingHub","quantity":{"value":20,"unit":"chargingPoints"},"year":2028}
            """))).Body())["id"]!.GetValue<string>();
        var variant = (await (await province.PostAsync("/api/v1/variants", Json($$"""{"name":"later","changes":[{"development":"{{homes}}","shiftYears":2}]}"""))).Body())["id"]!.GetValue<string>();

        (HttpClient Client, string Url, string Query)[] pairs =
        [
            (houten, $"/api/v1/plans/{plan}", $$"""{ x: plan(id: "{{plan}}") { id owner code name planType status periodStart periodEnd recordVersion createdAt updatedAt } }"""),
            (houten, $"/api/v1/developments/{homes}/load?fromYear=2026&toYear=2030",
                $$"""{ x: developmentLoad(id: "{{homes}}", fromYear: 2026, toYear: 2030) { development ruleSet statedEnergyUsed years { year carrier peakOfftakeMw peakFeedInMw annualEnergyMwh basis } } }"""),
            (houten, $"/api/v1/development-imports/{import}", $$"""{ x: developmentImport(id: "{{import}}") { id owner format dryRun featureCount created updated unchanged createdAt } }"""),
            (stedin, $"/api/v1/capacity-map-imports/{map}", $$"""{ x: capacityMapImport(id: "{{map}}") { id operator identifier conformsTo issued created updated unchanged createdAt } }"""),
            (owner, $"/api/v1/sharing-agreements/{agreementId}/versions",
                $$"""{ x: sharingAgreementVersions(id: "{{agreementId}}") { items { id purpose validTo status recordVersion recipients { organisation } scope { planTypes } } numberReturned } }"""),
            (province, $"/api/v1/programme-cycles/{cycle}", $$"""{ x: programmeCycle(id: "{{cycle}}") { id owner code name year scope status milestones { kind date } } }"""),
            (province, $"/api/v1/quickscans/{quickscan}",
                $$"""{ x: quickscan(id: "{{quickscan}}") { id owner kind sector year ruleSet peakOfftakeMw peakFeedInMw outcome { direction addedPeakMw verdict } } }"""),
            (province, "/api/v1/variants", "{ x: variants(first: 500) { items { id owner name changes { development shiftYears drop } } } }"),
            (province, $"/api/v1/variants/{variant}", $$"""{ x: variant(id: "{{variant}}") { id owner name createdAt changes { development shiftYears } } }"""),
            (province, $"/api/v1/variants/{variant}/comparison?with=base&scenario=committed&fromYear=2026&toYear=2032",
                $$"""{ x: variantComparison(id: "{{variant}}", with: "base", scenario: "committed", fromYear: 2026, toYear: 2032) { scenario fromYear toYear ruleSet variants { id name summary { bottleneckCount totalShortfallMwYears developmentsDelayed } } } }"""),
            (province, "/api/v1/area-loads?operator=STEDIN&scenario=expected&fromYear=2029&toYear=2030",
                """{ x: areaLoads(operator: "STEDIN", scenario: "expected", fromYear: 2029, toYear: 2030) { ruleSet items { area { shortCode } year scenario peakOfftakeMw availableOfftakeMw aggregateOnlyDevelopments } numberReturned } }"""),
        ];
        foreach (var (client, url, query) in pairs)
        {
            var rest = await client.GetAsync(url);
            Assert.True(rest.StatusCode == HttpStatusCode.OK, $"{url}: {(int)rest.StatusCode}");
            var answer = Data(await Ask(client, query))["x"]!;
            // "items" of a connection are REST's "items"; the rest of the selection sits where REST has it.
            AssertSelectionOf(await rest.Body(), answer, url);
        }
        Assert.Equal(2, Data(await Ask(owner, pairs[4].Query))["x"]!["items"]!.AsArray().Count);
        // Not the caller's (another organisation's quickscan and variant; an agreement neither given nor received): null over GraphQL where REST answers 404.
        foreach (var (client, url, query) in new[] { (houten, $"/api/v1/quickscans/{quickscan}", $$"""{ x: quickscan(id: "{{quickscan}}") { id } }"""),
                     (houten, $"/api/v1/variants/{variant}", $$"""{ x: variant(id: "{{variant}}") { id } }"""),
                     (hub.Client("PV27", "Reader"), $"/api/v1/sharing-agreements/{agreementId}/versions", $$"""{ x: sharingAgreementVersions(id: "{{agreementId}}") { numberReturned } }""") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.Null(Data(await Ask(client, query))["x"]);
        }
    }

    [Fact]
    public async Task The_pMIEK_reads_answer_as_REST_also_asOf_the_baseline()
    {
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV26", 2029);
        var project = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
            {"cycle":"{{cycle}}","code":"r-{{Id()}}","name":"Warmtenet","infrastructureType":"heatNetwork","carrier":"heat","projectType":"concrete",
             "geometry":{"type":"Point","coordinates":[5.17,52.03]} }
            """))).Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{project}/scores/A", Json("""{"score":"high","rationale":"Vooraf."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{project}/decision", Json("""{"decision":"included","reason":"Vooraf."}"""))).StatusCode);
        var frozen = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/baseline", null, "\"1\"")).Body();
        var at = frozen["baselineAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("O");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{project}/decision", Json("""{"decision":"prioritised","reason":"Later."}"""), "\"1\"")).StatusCode);

        var reader = hub.Client("GM0344", "Reader");
        const string Fiche = """
            query($id: String!, $at: DateTime) { x: miekProjectFiche(id: $id, asOf: $at) {
              asOf project { id code name decision decisionReason version } cycle { code status baselineAt } framework { code criteria { code scoredBy } }
              assessment { framework decision { value rationale version } scores { criterion current { value rationale } history { version } } criterionA { developments homes } }
              latestProgress { schedule } areas { area { shortCode } } } }
            """;
        foreach (var (asOf, decision) in new[] { ((string?)at, "included"), (null, "prioritised") })
        {
            var rest = await (await reader.GetAsync($"/api/v1/miek-projects/{project}/fiche" + (asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}"))).Body();
            var gql = Data(await Ask(reader, Fiche, new JsonObject { ["id"] = project, ["at"] = asOf }))["x"]!;
            AssertSelectionOf(rest, gql, "fiche");
            Assert.Equal(decision, gql["project"]!["decision"]!.GetValue<string>());
        }
        // A project asOf the baseline, with what hangs off it at the same moment, as REST's project and assessment asOf.
        const string Project = """
            query($id: ID!, $at: DateTime) { miekProject(id: $id, asOf: $at) {
              code decision decisionReason version
              assessment { decision { value rationale version } decisionHistory { value } scores { criterion current { value } } } progressUpdates { schedule } } }
            """;
        foreach (var (asOf, decision) in new[] { ((string?)at, "included"), (null, "prioritised") })
        {
            var query = asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}";
            var gql = Data(await Ask(reader, Project, new JsonObject { ["id"] = project, ["at"] = asOf }))["miekProject"]!;
            AssertSelectionOf(await (await reader.GetAsync($"/api/v1/miek-projects/{project}{query}")).Body(),
                new JsonObject { ["code"] = gql["code"]!.DeepClone(), ["decision"] = gql["decision"]!.DeepClone(), ["decisionReason"] = gql["decisionReason"]!.DeepClone(), ["version"] = gql["version"]!.DeepClone() }, "project");
            AssertSelectionOf(await (await reader.GetAsync($"/api/v1/miek-projects/{project}/assessment{query}")).Body(), gql["assessment"], "assessment");
            Assert.Equal(decision, gql["assessment"]!["decision"]!["value"]!.GetValue<string>());
        }

        var checks = new (string Url, string Query)[]
        {
            ($"/api/v1/programme-cycles/{cycle}/changes", $$"""{ x: programmeCycleChanges(id: "{{cycle}}") { cycle baselineAt items { resourceType id change versionAtBaseline currentVersion } numberReturned } }"""),
            ($"/api/v1/programme-cycles/{cycle}/progress-report?date=2029-06-30", $$"""{ x: progressReport(id: "{{cycle}}", date: "2029-06-30") { cycle previousCycle reportDate items { project } numberReturned } }"""),
            ("/api/v1/weighing-frameworks/PV26", """{ x: weighingFramework(province: "PV26") { province tailored code name criteria { code name scale unit scoredBy } version } }"""),
            ($"/api/v1/miek-overview?cycle={cycle}", $$"""{ x: miekOverview(cycle: "{{cycle}}") { total { projects investmentEurMillions } byDecision { key projects } } }"""),
        };
        foreach (var (rest, query) in checks)
            AssertSelectionOf(await (await coordinator.GetAsync(rest)).Body(), Data(await Ask(coordinator, query))["x"], rest);
        // The decision changed since the baseline is listed (as a changed assessment), on both surfaces.
        Assert.Contains(Data(await Ask(coordinator, checks[0].Query))["x"]!["items"]!.AsArray(),
            i => i!["resourceType"]!.GetValue<string>() == "miekAssessment" && i["change"]!.GetValue<string>() == "changed");
    }

    [Fact]
    public async Task A_deep_nested_query_makes_the_same_number_of_database_round_trips_for_few_and_for_many_results()
    {
        var coordinator = hub.Client("PV28", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV28", 2027);
        var developer = hub.Client("GM0599", "Submitter");
        async Task AddProjects(int n)
        {
            for (var i = 0; i < n; i++)
            {
                var dev = (await (await developer.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 4.48, 51.92)))).Body())["id"]!.GetValue<string>();
                Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
                    {"cycle":"{{cycle}}","code":"p-{{Id()}}","name":"P","infrastructureType":"storage","carrier":"electricity","projectType":"concrete","developments":["{{dev}}"]}
                    """))).StatusCode);
            }
        }
        var query = $$"""{ miekProjects(cycle: "{{cycle}}", first: 100) { totalCount nodes { code developments { id name } progressUpdates { schedule } assessment { framework criterionA { developments } } } } }""";
        var counter = hub.Service(sp => sp.GetRequiredService<DataHub.Api.Data.DatabaseRoundTrips>());
        async Task<(long Trips, int Projects)> Measure()
        {
            var client = hub.Client("PV28", "Reader");
            // Warm what is cached across requests (the caller's access scope, the analysis model brought up to the new
            // developments: a full build or an incremental update, whichever the model's state asks for), so that only
            // the query's own round trips are counted.
            await Ask(client, query);
            var start = counter.Count;
            var data = Data(await Ask(client, query));
            return (counter.Count - start, data["miekProjects"]!["totalCount"]!.GetValue<int>());
        }
        await AddProjects(2);
        var few = await Measure();
        await AddProjects(10);
        var many = await Measure();
        Assert.Equal((2, 12), (few.Projects, many.Projects));
        Assert.Equal(few.Trips, many.Trips);
    }

    [Fact]
    public async Task Lists_are_connections_that_page_to_the_end_in_REST_order()
    {
        async Task<List<string>> PageThrough(HttpClient client, string field, string args, string key, int first)
        {
            var seen = new List<string>();
            string? after = null;
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages < 200, $"{field} never ends");
                var afterArg = after is null ? "" : $", after: \"{after}\"";
                var page = Data(await Ask(client, $$"""{ x: {{field}}({{args}}first: {{first}}{{afterArg}}) { totalCount edges { cursor node { {{key}} } } nodes { {{key}} } pageInfo { hasNextPage endCursor } } }"""))["x"]!;
                var edges = page["edges"]!.AsArray();
                Assert.True(edges.Count <= first);
                Assert.Equal(edges.Select(e => e!["node"]![key]!.ToJsonString()), page["nodes"]!.AsArray().Select(n => n![key]!.ToJsonString()));
                seen.AddRange(edges.Select(e => e!["node"]![key]!.ToString()));
                var info = page["pageInfo"]!;
                if (page["totalCount"] is { } total && total.GetValueKind() == JsonValueKind.Number)
                    Assert.Equal(seen.Count < total.GetValue<int>(), info["hasNextPage"]!.GetValue<bool>());
                if (!info["hasNextPage"]!.GetValue<bool>()) return seen;
                Assert.Equal(edges[^1]!["cursor"]!.GetValue<string>(), info["endCursor"]!.GetValue<string>());
                after = info["endCursor"]!.GetValue<string>();
            }
        }
        static List<string> Codes(JsonNode list, string array, string key) => [.. list[array]!.AsArray().Select(i => i![key]!.ToString())];

        var client = hub.Client("PV26", "Reader");
        Assert.Equal(Codes(await (await client.GetAsync("/api/v1/organisations")).Body(), "items", "code"), await PageThrough(client, "organisations", "", "code", 60));
        var provinces = await (await client.GetAsync("/api/v1/areas?kind=province&withGeometry=false")).Body();
        Assert.Equal(provinces["features"]!.AsArray().Select(f => f!["id"]!.ToString()), await PageThrough(client, "areas", "kind: \"province\", ", "code", 5));
        Assert.Equal(12, (await PageThrough(client, "areas", "kind: \"province\", ", "code", 5)).Distinct().Count());
        Assert.Equal(Codes(await (await client.GetAsync("/api/v1/programme-cycles")).Body(), "items", "id"), await PageThrough(client, "programmeCycles", "", "id", 3));
        Assert.Equal(Codes(await (await client.GetAsync("/api/v1/energy-areas?operator=STEDIN")).Body(), "items", "id"), await PageThrough(client, "energyAreas", "operator: \"STEDIN\", ", "id", 4));

        // The audit trail pages by its own cursor, newest first: two pages of 3 are REST's page of 6.
        var admin = hub.Client("GM0344", "OrgAdmin", "Submitter");
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.12, 52.09)))).StatusCode);
        var restAudit = Codes(await (await admin.GetAsync("/api/v1/audit-events?limit=6")).Body(), "items", "id");
        Assert.Equal(6, restAudit.Count);
        var firstPage = Data(await Ask(admin, "{ auditEvents(first: 3) { totalCount pageInfo { endCursor } nodes { id } } }"))["auditEvents"]!;
        Assert.Null(firstPage["totalCount"]);
        var next = Data(await Ask(admin, $$"""{ auditEvents(first: 3, after: "{{firstPage["pageInfo"]!["endCursor"]}}") { nodes { id } } }"""))["auditEvents"]!;
        Assert.Equal(restAudit, Codes(firstPage, "nodes", "id").Concat(Codes(next, "nodes", "id")));

        // Out of bounds: a clear error, per field.
        var tooMany = await Ask(client, "{ organisations(first: 501) { totalCount } }");
        Assert.Equal("pageSize", tooMany["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        var badCursor = await Ask(client, """{ plans(after: "somewhere") { totalCount } }""");
        Assert.Equal("invalidCursor", badCursor["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_REST_read_has_its_GraphQL_field_answering_the_same()
    {
        // Data to read: a confidential CES plan shared as aggregates only (suppressed for the province), a plan, a quickscan, an agreement.
        var owner = hub.Client("CLUSTER6", "Submitter", "OrgAdmin");
        var ces = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.12, 52.09, p =>
        {
            p["visibility"] = "confidential"; p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "dataCentre"; p["assetType"] = "consumer";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2030, ["value"] = 12, ["unit"] = "MW" });
        })))).Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/sharing-agreements", Json($$"""
            {"recipients":[{"organisation":"PV26"}],"scope":{"records":["{{ces}}"]},"level":"aggregateOnly","purpose":"pMIEK","validFrom":"2026-01-01","validTo":"2030-12-31","status":"active"}
            """))).StatusCode);
        var province = hub.Client("PV26", "Reader");
        Assert.Equal(HttpStatusCode.Created, (await province.PostAsync("/api/v1/quickscans", Json("""
            {"geometry":{"type":"Point","coordinates":[5.12,52.09]},"kind":"chargingHub","quantity":{"value":20,"unit":"chargingPoints"},"year":2028}
            """))).StatusCode);

        // (caller, REST path, GraphQL query, the path of the same list in each answer)
        (HttpClient Client, string Url, string Query, string RestList, string GqlList)[] pairs =
        [
            (province, "/api/v1/development-aggregates?level=province&area=PV26&fromYear=2030&toYear=2030&planType=CES",
                """{ x: developmentAggregates(level: "province", area: "PV26", fromYear: 2030, toYear: 2030, planType: "CES") { cells { area year sector count total suppressed suppressedBecause } } }""", "cells", "cells"),
            (province, "/api/v1/development-loads?level=province&area=PV26&scenario=expected&fromYear=2030&toYear=2030",
                """{ x: developmentLoads(level: "province", area: "PV26", scenario: "expected", fromYear: 2030, toYear: 2030) { items { area year scenario } } }""", "items", "items"),
            (province, "/api/v1/quickscans", "{ x: quickscans(first: 500) { totalCount items { id kind year } } }", "items", "items"),
            (owner, "/api/v1/sharing-agreements", "{ x: sharingAgreements(first: 500) { totalCount items { id level status } } }", "items", "items"),
            (hub.Client(), "/api/v1/calculation-rule-sets", "{ x: calculationRuleSets(first: 500) { totalCount items { id code version } } }", "items", "items"),
            (hub.Client(), "/api/v1/plans", "{ x: plans(first: 500) { totalCount items { id code planType } } }", "items", "items"),
            (owner, "/api/v1/audit-events?limit=50", "{ x: auditEvents(first: 50) { items { action resourceType } } }", "items", "items"),
            (province, "/api/v1/bottlenecks?scenario=expected&fromYear=2025&toYear=2035",
                """{ x: bottlenecks(scenario: "expected", fromYear: 2025, toYear: 2035) { items { direction scenario firstYear causedBy } } }""", "items", "items"),
            (hub.Client(), "/api/v1/stations", "{ x: stations(first: 500) { totalCount items { id code name voltagesKv } } }", "items", "items"),
            (hub.Client(), "/api/v1/programme-cycles", "{ x: programmeCycles(first: 500) { totalCount items { id code status } } }", "items", "items"),
        ];
        foreach (var (client, rest, query, restList, gqlList) in pairs)
        {
            var expected = (await (await client.GetAsync(rest)).Body())[restList]!.AsArray();
            var answer = Data(await Ask(client, query))["x"]!;
            var actual = answer[gqlList]!.AsArray();
            Assert.True(expected.Count == actual.Count, $"{rest}: {expected.Count} in REST, {actual.Count} over GraphQL");
            if (answer["totalCount"] is { } total) Assert.Equal(expected.Count, total.GetValue<int>());
            for (var i = 0; i < actual.Count; i++)
                foreach (var (key, value) in actual[i]!.AsObject())
                    Assert.True(JsonNode.DeepEquals(expected[i]![key], value), $"{rest} [{i}].{key}: REST {expected[i]![key]?.ToJsonString()}, GraphQL {value?.ToJsonString()}");
        }
        // Reads through GraphQL are audited as such: the province's aggregate over the CES record, asked over GraphQL.
        var audit = await (await owner.GetAsync("/api/v1/audit-events?limit=200")).Body();
        Assert.Contains(audit["items"]!.AsArray(), e => e!["surface"]!.GetValue<string>() == "graphql" && e["organisation"]!.GetValue<string>() == "PV26");
        // Single records by key answer as REST's getters.
        var org = Data(await Ask(hub.Client(), """{ organisation(code: "PV26") { code name type } calculationRuleSet(id: "datahub-default@2026.1") { id code } defaultWeighingFramework { code } }"""));
        Assert.Equal(((await (await hub.Client().GetAsync("/api/v1/organisations/PV26")).Body())["name"]!.GetValue<string>(), "datahub-default@2026.1", "afwegingskader-pmiek-2"),
            (org["organisation"]!["name"]!.GetValue<string>(), org["calculationRuleSet"]!["id"]!.GetValue<string>(), org["defaultWeighingFramework"]!["code"]!.GetValue<string>()));
        Assert.Null(Data(await Ask(hub.Client(), """{ organisation(code: "XX99") { code } }"""))["organisation"]);
        // The province sees the CES cell suppressed, as in REST (aggregate-only data of one owner).
        Assert.Contains(Data(await Ask(province, pairs[0].Query))["x"]!["cells"]!.AsArray(), c => c!["suppressed"]!.GetValue<bool>());
        // Not its own: another organisation's agreement is null over GraphQL, 404 over REST.
        var agreement = (await (await owner.GetAsync("/api/v1/sharing-agreements")).Body())["items"]![0]!["id"]!.GetValue<string>();
        await (await hub.Client("GM0202", "Reader").GetAsync($"/api/v1/sharing-agreements/{agreement}")).Problem(HttpStatusCode.NotFound);
        Assert.Null(Data(await Ask(hub.Client("GM0202", "Reader"), $$"""{ sharingAgreement(id: "{{agreement}}") { id } }"""))["sharingAgreement"]);
        // A bad argument is the same error REST gives, as a GraphQL error naming the argument.
        var bad = await Ask(province, """{ developmentAggregates(level: "galaxy") { cells { area } } }""");
        Assert.Contains("level", bad["errors"]![0]!["message"]!.GetValue<string>());
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

    [Fact]
    public async Task Each_operation_of_a_batch_sees_what_the_ones_before_it_wrote()
    {
        var coordinator = hub.Client("PV31", "ProgrammeCoordinator", "Submitter");
        var cycle = await hub.CycleAsync("PV31", 2027);
        var external = Id();
        var dev = (await (await coordinator.PostAsync("/api/v1/developments", Http.GeoJson(Point(external, 5.69, 50.85)))).Body())["id"]!.GetValue<string>();
        var project = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
            {"cycle":"{{cycle}}","code":"b-{{Id()}}","name":"P","infrastructureType":"storage","carrier":"electricity","projectType":"concrete","developments":["{{dev}}"]}
            """))).Body())["id"]!.GetValue<string>();
        var read = new JsonObject { ["query"] = $$"""{ miekProject(id: "{{project}}") { developments { version } } }""" };
        var write = new JsonObject
        {
            ["query"] = "mutation($id: String!, $f: JSON!) { updateDevelopment(id: $id, input: $f, ifMatch: \"\\\"1\\\"\") { ok status } }",
            ["variables"] = new JsonObject { ["id"] = dev, ["f"] = Point(external, 5.69, 50.85, p => p["name"] = "Hernoemd") },
        };
        var batch = await coordinator.PostAsync("/api/v1/graphql", Json(new JsonArray(read.DeepClone(), write, read.DeepClone()).ToJsonString()));
        var answers = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(1, answers[0]!["data"]!["miekProject"]!["developments"]![0]!["version"]!.GetValue<int>());
        Assert.True(answers[1]!["data"]!["updateDevelopment"]!["ok"]!.GetValue<bool>(), answers[1]!.ToJsonString());
        Assert.Equal(2, answers[2]!["data"]!["miekProject"]!["developments"]![0]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_schema_matches_its_committed_SDL()
    {
        var schema = hub.Service(sp => sp.GetRequiredService<DataHub.Api.GraphQL.DataHubSchema>());
        schema.Initialize();
        var sdl = global::GraphQL.SchemaExtensions.Print(schema).ReplaceLineEndings("\n").TrimEnd() + "\n";
        var snapshot = Repository.Path("schemas", "datahub.graphql");
        if (Environment.GetEnvironmentVariable("DATAHUB_UPDATE_SNAPSHOTS") == "1") await File.WriteAllTextAsync(snapshot, sdl);
        Assert.True(File.Exists(snapshot), "schemas/datahub.graphql is missing; run the tests with DATAHUB_UPDATE_SNAPSHOTS=1");
        Assert.True((await File.ReadAllTextAsync(snapshot)).ReplaceLineEndings("\n") == sdl,
            "schemas/datahub.graphql differs from the schema the hub serves. If the change is intended: DATAHUB_UPDATE_SNAPSHOTS=1 dotnet test");
    }

    [Fact]
    public async Task Every_example_in_the_GraphQL_guide_runs_without_errors()
    {
        var guide = await File.ReadAllTextAsync(Repository.Path("api-docs", "graphql.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(guide, "<!-- as (\\S+) (\\S+) -->\\s*```graphql\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(examples.Count >= 4, "the guide has an example per role");
        foreach (System.Text.RegularExpressions.Match m in examples)
        {
            var answer = await Ask(hub.Client(m.Groups[1].Value, m.Groups[2].Value.Split(',')), m.Groups[3].Value);
            Assert.True(answer["errors"] is null, $"{m.Groups[1].Value}: {answer["errors"]?.ToJsonString()}\n{m.Groups[3].Value}");
        }
    }
}

public sealed class GraphQLOnSqlite(SqliteHub hub) : GraphQLTests(hub), IClassFixture<SqliteHub>;

public sealed class GraphQLOnPostgis(PostgresHub hub) : GraphQLTests(hub), IClassFixture<PostgresHub>;

/// <summary>The GraphQL endpoint's budget and switches, on a hub configured for them.</summary>
public sealed class GraphQLBudgetTests(GraphQLBudgetTests.BudgetHub hub) : IClassFixture<GraphQLBudgetTests.BudgetHub>
{
    public sealed class BudgetHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataHub:RateLimit:BucketSize"] = "6",
            ["DataHub:RateLimit:TokensPerPeriod"] = "1",
            ["DataHub:RateLimit:PeriodSeconds"] = "3600",
            ["DataHub:GraphQL:AnonymousIntrospection"] = "false",
        };
    }

    [Fact]
    public async Task The_rate_limit_counts_operations_not_requests()
    {
        var client = hub.Client("GM0344", "Reader");
        var five = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ me { organisation } }"}""", 5)) + "]";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/graphql", Json(five))).StatusCode);   // 5 of 6 tokens
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""))).StatusCode); // the 6th
        var refused = await client.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""));
        await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
        // Another identity has its own budget; a batch larger than what is left is refused whole.
        var other = hub.Client("GM0363", "Reader");
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/api/v1/graphql", Json("""{"query":"{ me { organisation } }"}"""))).StatusCode);
        var seven = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ me { organisation } }"}""", 7)) + "]";
        await (await other.PostAsync("/api/v1/graphql", Json(seven))).Problem(HttpStatusCode.TooManyRequests); // 7 ≤ the batch cap, but more than the 5 tokens left
    }

    [Fact]
    public async Task Introspection_can_be_closed_to_anonymous_callers()
    {
        var anonymous = await hub.Client().PostAsync("/api/v1/graphql", Json("""{"query":"{ __schema { queryType { name } } }"}"""));
        Assert.Contains("signed-in callers only", await anonymous.Content.ReadAsStringAsync());
        var signedIn = await hub.Client("GM0599", "Reader").PostAsync("/api/v1/graphql", Json("""{"query":"{ __schema { queryType { name } } }"}"""));
        Assert.Equal("Query", JsonNode.Parse(await signedIn.Content.ReadAsStringAsync())!["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }
}

/// <summary>A hub whose GraphQL requests may run 0 s: every operation is over its time.</summary>
public sealed class GraphQLTimeoutTests(GraphQLTimeoutTests.TimeoutHub hub) : IClassFixture<GraphQLTimeoutTests.TimeoutHub>
{
    public sealed class TimeoutHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:GraphQL:TimeoutSeconds"] = "0" };
    }

    [Fact]
    public async Task A_request_over_its_time_is_stopped_with_an_error_and_the_hub_goes_on()
    {
        var response = await hub.Client("GM0606", "Reader").PostAsync("/api/v1/graphql",
            new StringContent("""{"query":"{ developments(first: 5) { totalCount } }"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("timeout", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(answer["data"]);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client("GM0606", "Reader").GetAsync("/api/v1/developments?limit=1")).StatusCode);
    }
}
