using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static DataHub.IntegrationTests.Infrastructure.GraphQL;

namespace DataHub.IntegrationTests;

/// <summary>
/// GraphQL over HTTP on both databases: the transport, the cost limits under hostile queries, nested reads with the same access decisions as
/// REST, the audit of what they show, and no round trip per result. Mutations: GraphQLMutationTests; answers compared
/// with REST field by field: GraphQLAsRestTests; budgets and timeouts: GraphQLLimitTests.
/// </summary>
public abstract class GraphQLTests(Hub hub)
{
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
        // The cost of a kept document is counted again with each request's variables: a cheap page passes, the same text with a page too costly to run does not.
        var paged = "query($n: Int) { " + string.Concat(Enumerable.Range(0, 60).Select(i => $"a{i}: developments(first: $n) {{ totalCount nodes {{ id name }} }} ")) + "}";
        var cheap = await Ask(client, paged, new JsonObject { ["n"] = 2 });
        Assert.Null(cheap["errors"]);
        Assert.True(Data(cheap)["a59"]!["nodes"]!.AsArray().Count <= 2);
        var costly = await Ask(client, paged, new JsonObject { ["n"] = 500 });
        Assert.Null(costly["data"]);
        Assert.Contains("complexity", costly["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
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
