namespace DataHub.IntegrationTests;

/// <summary>Programme cycles, their frozen baseline and what changed since, over HTTP on both databases.</summary>
public abstract class ProgrammeCycleTests(Hub hub)
{
    private static JsonObject Cycle(string code, string scope) => new()
    {
        ["code"] = code, ["name"] = "pMIEK 3.0", ["year"] = 2027, ["scope"] = scope,
        ["milestones"] = new JsonArray(new JsonObject { ["kind"] = "baseline", ["date"] = "2027-01-15" }, new JsonObject { ["kind"] = "adoption", ["date"] = "2027-10-01" }),
    };

    [Fact]
    public async Task A_province_runs_its_own_cycle_and_only_its_coordinator_may()
    {
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var created = await coordinator.PostAsync("/api/v1/programme-cycles", Json(Cycle("pmiek-3.0", "PV26")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cycle = await created.Body();
        Assert.Equal(("open", "PV26", 2), (cycle["status"]!.GetValue<string>(), cycle["owner"]!.GetValue<string>(), cycle["milestones"]!.AsArray().Count));
        Assert.Null(cycle["baselineAt"]);
        await (await coordinator.PostAsync("/api/v1/programme-cycles", Json(Cycle("pmiek-3.0", "PV26")))).Problem(HttpStatusCode.Conflict);

        // Another province's scope, a municipality, a Reader, nobody: refused.
        await (await coordinator.PostAsync("/api/v1/programme-cycles", Json(Cycle("x", "PV27")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("GM0344", "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles", Json(Cycle("x", "PV26")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("PV26", "Reader").PostAsync("/api/v1/programme-cycles", Json(Cycle("x", "PV26")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client().PostAsync("/api/v1/programme-cycles", Json(Cycle("x", "PV26")))).Problem(HttpStatusCode.Unauthorized);
        // The ministry runs the national cycle.
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("KGG", "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles", Json(Cycle("miek-2027", "national")))).StatusCode);

        // Every error with its pointer.
        var bad = Cycle("bad code!", "PV99");
        bad["year"] = 1990;
        bad["milestones"] = new JsonArray(new JsonObject { ["kind"] = "party", ["date"] = "15-01-2027" });
        bad["baselineAt"] = "2027-01-01T00:00:00Z";
        var problem = await (await coordinator.PostAsync("/api/v1/programme-cycles", Json(bad))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["/baselineAt", "/code", "/milestones/0/date", "/milestones/0/kind", "/scope", "/year"],
            problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Public to read, listed by scope.
        var list = await (await hub.Client().GetAsync("/api/v1/programme-cycles?scope=PV26")).Body();
        Assert.Contains(list["items"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "pmiek-3.0");
        Assert.DoesNotContain(list["items"]!.AsArray(), c => c!["scope"]!.GetValue<string>() != "PV26");
    }

    [Fact]
    public async Task After_the_baseline_is_frozen_answers_asOf_it_stay_the_same_byte_for_byte_and_the_changes_are_listed()
    {
        // Grid and plans in Houten (PV26), and one in Gelderland.
        var stedin = hub.Client("STEDIN", "Submitter");
        var map = """{"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"cycle","issued":"2026-11-01","energy_areas":[{"short_code":"OS Houten-Oost","works":[]}]}""";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        string Areas(double offtake) => $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.15,52.00],[5.25,52.00],[5.25,52.05],[5.15,52.05],[5.15,52.00]]]},
              "properties":{"shortCode":"OS Houten-Oost","capacity":[{"year":2025,"offtakeMw":{{{offtake}}},"feedInMw":20}]}}]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(Areas(2)))).StatusCode);
        var houten = hub.Client("GM0321", "Submitter");
        async Task<(string Id, string External)> Homes(double lon, int homes)
        {
            var feature = Point(Id(), lon, 52.02, p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = homes, ["unit"] = "homes" }));
            var body = await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(feature))).Body();
            return (body["id"]!.GetValue<string>(), feature["properties"]!["externalId"]!.GetValue<string>());
        }
        var kept = await Homes(5.18, 1500);
        var changed = await Homes(5.19, 800);
        var retired = await Homes(5.20, 300);

        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = await (await coordinator.PostAsync("/api/v1/programme-cycles", Json(Cycle("pmiek-baseline", "PV26")))).Body();
        var id = cycle["id"]!.GetValue<string>();
        await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{id}/baseline")).Problem(HttpStatusCode.PreconditionRequired);
        var frozen = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{id}/baseline", null, "\"1\"")).Body();
        Assert.Equal("frozen", frozen["status"]!.GetValue<string>());
        var baseline = frozen["baselineAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("O");
        await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{id}/baseline", null, "\"2\"")).Problem(HttpStatusCode.Conflict);
        await (await hub.Client("PV27", "ProgrammeCoordinator").Send(HttpMethod.Post, $"/api/v1/programme-cycles/{id}/baseline", null, "\"2\"")).Problem(HttpStatusCode.Forbidden);

        var province = hub.Client("PV26", "Reader");
        var at = Uri.EscapeDataString(baseline);
        string[] questions =
        [
            $"/api/v1/bottlenecks?area=OS%20Houten-Oost&scenario=expected&fromYear=2026&toYear=2030&asOf={at}",
            $"/api/v1/area-loads?area=OS%20Houten-Oost&scenario=expected&fromYear=2026&toYear=2030&contributions=true&asOf={at}",
            $"/api/v1/developments?municipality=GM0321&asOf={at}",
            $"/api/v1/energy-areas?operator=STEDIN&asOf={at}",
            $"/api/v1/stations?asOf={at}",
            $"/api/v1/plans?asOf={at}",
        ];
        async Task<List<string>> Ask() => [.. await Task.WhenAll(questions.Select(async q => await (await province.GetAsync(q)).Content.ReadAsStringAsync()))];
        var before = await Ask();
        Assert.Contains(kept.Id, before[2]);

        // The data moves on: a new plan, a change, a retirement, and more grid capacity.
        var added = await Homes(5.21, 700);
        var update = Point(changed.External, 5.19, 52.02, p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2026, ["value"] = 2000, ["unit"] = "homes" }));
        Assert.Equal(HttpStatusCode.OK, (await houten.Send(HttpMethod.Put, $"/api/v1/developments/{changed.Id}", Http.GeoJson(update), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await houten.Send(HttpMethod.Delete, $"/api/v1/developments/{retired.Id}", null, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(Areas(50)))).StatusCode);
        await hub.Client("GM0202", "Submitter").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.9, 52.0))); // Arnhem: another province

        var after = await Ask();
        for (var i = 0; i < questions.Length; i++) Assert.Equal(before[i], after[i]);
        // …while the current answer has moved.
        Assert.NotEqual(after[3], await (await province.GetAsync("/api/v1/energy-areas?operator=STEDIN")).Content.ReadAsStringAsync());
        var now = await (await province.GetAsync("/api/v1/bottlenecks?area=OS%20Houten-Oost&scenario=expected&fromYear=2026&toYear=2030")).Body();
        Assert.Empty(now["items"]!.AsArray()); // 50 MW is enough
        Assert.NotEmpty(System.Text.Json.Nodes.JsonNode.Parse(before[0])!["items"]!.AsArray());

        var changes = await (await province.GetAsync($"/api/v1/programme-cycles/{id}/changes")).Body();
        var items = changes["items"]!.AsArray().Select(c => c!).ToList();
        string? Change(string resource) => items.SingleOrDefault(c => c["id"]!.GetValue<string>() == resource)?["change"]!.GetValue<string>();
        Assert.Equal("added", Change(added.Id));
        Assert.Equal("changed", Change(changed.Id));
        Assert.Equal("retired", Change(retired.Id));
        Assert.Null(Change(kept.Id));
        Assert.Contains(items, c => c["resourceType"]!.GetValue<string>() == "energyArea" && c["change"]!.GetValue<string>() == "changed");
        Assert.DoesNotContain(items, c => c["resourceType"]!.GetValue<string>() == "development"
            && c["id"]!.GetValue<string>() is var d && d != added.Id && d != changed.Id && d != retired.Id);
        Assert.Equal(1, items.Single(c => c["id"]!.GetValue<string>() == changed.Id)["versionAtBaseline"]!.GetValue<int>());

        // Paged: one record a page, in the order each first changed, the same records as the whole list; a record that
        // changes again while paging keeps its place, one changed later comes at the end.
        var whole = items.Select(c => c["id"]!.GetValue<string>()).ToList();
        Assert.Equal(whole.Count, changes["numberMatched"]!.GetValue<int>());
        var paged = new List<string>();
        var url = $"/api/v1/programme-cycles/{id}/changes?limit=1";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages <= whole.Count + 1, "paging never ends");
            var page = await (await province.GetAsync(url)).Body();
            paged.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            url = page["links"]!.AsArray().SingleOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
            if (pages == 0)
                Assert.Equal(HttpStatusCode.OK, (await houten.Send(HttpMethod.Put, $"/api/v1/developments/{changed.Id}", Http.GeoJson(update), "\"2\"")).StatusCode);
        }
        Assert.Equal(whole, paged);
        var byType = await (await province.GetAsync($"/api/v1/programme-cycles/{id}/changes?resourceType=energyArea")).Body();
        Assert.All(byType["items"]!.AsArray(), c => Assert.Equal("energyArea", c!["resourceType"]!.GetValue<string>()));
        Assert.NotEmpty(byType["items"]!.AsArray());
        foreach (var bad in new[] { "limit=0", "cursor=abc", "resourceType=programmeCycle", "resourceType=nonsense" })
            await (await province.GetAsync($"/api/v1/programme-cycles/{id}/changes?{bad}")).Problem(HttpStatusCode.BadRequest);

        // Not frozen yet: no changes to list; the future is not fixed.
        var open = await (await coordinator.PostAsync("/api/v1/programme-cycles", Json(Cycle("pmiek-open", "PV26")))).Body();
        await (await province.GetAsync($"/api/v1/programme-cycles/{open["id"]}/changes")).Problem(HttpStatusCode.Conflict);
        await (await province.GetAsync($"/api/v1/bottlenecks?asOf={Uri.EscapeDataString(DateTime.UtcNow.AddDays(1).ToString("O"))}")).Problem(HttpStatusCode.BadRequest);
    }
}

public sealed class ProgrammeCycleOnSqlite(SqliteHub hub) : ProgrammeCycleTests(hub), IClassFixture<SqliteHub>;

public sealed class ProgrammeCycleOnPostgis(PostgresHub hub) : ProgrammeCycleTests(hub), IClassFixture<PostgresHub>;
