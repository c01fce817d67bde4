using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static DataHub.IntegrationTests.Infrastructure.GraphQL;

namespace DataHub.IntegrationTests;

/// <summary>
/// GraphQL's writes on both databases: the same validation, role gates, versions and records as REST's, typed errors,
/// nothing stored on failure, and a batch's operations in order.
/// </summary>
public abstract class GraphQLMutationTests(Hub hub)
{
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
}

public sealed class GraphQLMutationOnSqlite(SqliteHub hub) : GraphQLMutationTests(hub), IClassFixture<SqliteHub>;

public sealed class GraphQLMutationOnPostgis(PostgresHub hub) : GraphQLMutationTests(hub), IClassFixture<PostgresHub>;
