using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using static DataHub.IntegrationTests.Infrastructure.GraphQL;

namespace DataHub.IntegrationTests;

/// <summary>
/// Every REST read has its GraphQL field, and both answer the same on the same data, on both databases: single
/// records, reports, analyses, the pMIEK (also asOf a baseline), and lists paged to their end in REST's order.
/// </summary>
public abstract class GraphQLAsRestTests(Hub hub)
{
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
}

public sealed class GraphQLAsRestOnSqlite(SqliteHub hub) : GraphQLAsRestTests(hub), IClassFixture<SqliteHub>;

public sealed class GraphQLAsRestOnPostgis(PostgresHub hub) : GraphQLAsRestTests(hub), IClassFixture<PostgresHub>;
