namespace DataHub.IntegrationTests;

/// <summary>
/// The pMIEK beyond the project itself, over HTTP on both databases: the fiche (JSON and one printable page), criterion
/// C from the hub's bottlenecks, progress updates and the cycle report, the national format (JSON, GeoJSON, CSV) and
/// overview, and answers asOf a frozen baseline.
/// </summary>
public abstract class MiekProgrammeTests(Hub hub)
{
    [Fact]
    public async Task Progress_is_reported_by_the_province_or_the_building_grid_operator_and_the_next_cycle_reports_on_it()
    {
        var previous = await hub.CycleAsync("PV27", 2025);
        var onTrack = await hub.ProjectNamedAsync("PV27", previous, "a-" + Id());
        var silent = await hub.ProjectNamedAsync("PV27", previous, "b-" + Id());
        var rejected = await hub.ProjectNamedAsync("PV27", previous, "c-" + Id());
        await hub.DecideAsync(onTrack, "prioritised", "PV27", "Nodig.");
        await hub.DecideAsync(silent, "included", "PV27", "Nuttig.");
        await hub.DecideAsync(rejected, "notIncluded", "PV27", "Niet nodig.");

        var stedin = hub.Client("STEDIN", "Submitter");
        var coordinator = hub.Client("PV27", "ProgrammeCoordinator");
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync($"/api/v1/miek-projects/{onTrack}/progress-updates",
            Json("""{"asOfDate":"2025-12-31","phase":"planning","schedule":"onSchedule"}"""))).StatusCode);
        var delayed = await coordinator.PostAsync($"/api/v1/miek-projects/{onTrack}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"delayed","expectedDelivery":2030,"reason":"Stikstofvergunning vertraagd."}"""));
        Assert.Equal(HttpStatusCode.Created, delayed.StatusCode);
        Assert.Equal(("delayed", 2030, "PV27"), ((await delayed.Body())["schedule"]!.GetValue<string>(), (await delayed.Body())["expectedDelivery"]!.GetValue<int>(),
            (await delayed.Body())["authorOrganisation"]!.GetValue<string>()));

        // Bad updates: every error with its pointer, nothing stored.
        var bad = await (await coordinator.PostAsync($"/api/v1/miek-projects/{onTrack}/progress-updates",
            Json($$"""{"asOfDate":"{{DateTime.UtcNow.AddDays(40):yyyy-MM-dd}}","phase":"building","schedule":"delayed","by":"me"}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["/asOfDate", "/by", "/phase", "/reason"], bad.Errors().Select(e => e["pointer"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // Who may: not a grid operator that is no party, not a reader of the province's region, nobody outside it.
        await (await hub.Client("ENEXIS", "Submitter").PostAsync($"/api/v1/miek-projects/{onTrack}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}"""))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("PV27", "Reader").PostAsync($"/api/v1/miek-projects/{onTrack}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}"""))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects/{onTrack}/progress-updates")).Problem(HttpStatusCode.NotFound);

        var list = await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/miek-projects/{onTrack}/progress-updates")).Body();
        Assert.Equal(["onSchedule", "delayed"], list["items"]!.AsArray().Select(u => u!["schedule"]!.GetValue<string>()));

        // The next cycle reports on the previous one's projects: the delayed one with its reason, the silent one, not the rejected one.
        var next = await hub.CycleAsync("PV27", 2027);
        var report = await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=2026-09-01")).Body();
        Assert.Equal(previous, report["previousCycle"]!.GetValue<string>());
        var items = report["items"]!.AsArray().Select(x => x!).ToList();
        Assert.Equal([onTrack, silent], items.Select(x => x["project"]!.GetValue<string>()).Order());
        var item = items.Single(x => x["project"]!.GetValue<string>() == onTrack);
        Assert.Equal(("delayed", "Stikstofvergunning vertraagd.", "prioritised"), (item["progress"]!.GetValue<string>(),
            item["latestUpdate"]!["reason"]!.GetValue<string>(), item["decision"]!.GetValue<string>()));
        Assert.Equal("noRecentUpdate", items.Single(x => x["project"]!.GetValue<string>() == silent)["progress"]!.GetValue<string>());
        Assert.Equal((2, 1, 1, 0), (report["summary"]!["projects"]!.GetValue<int>(), report["summary"]!["delayed"]!.GetValue<int>(),
            report["summary"]!["noRecentUpdate"]!.GetValue<int>(), report["summary"]!["onSchedule"]!.GetValue<int>()));
        // As of an earlier date the report shows what was known then: on schedule at the end of 2025.
        var earlier = await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=2026-01-15")).Body();
        Assert.Equal("onSchedule", earlier["items"]!.AsArray().Single(x => x!["project"]!.GetValue<string>() == onTrack)!["progress"]!.GetValue<string>());
        // A municipality of another province sees no projects of PV27 in the report.
        Assert.Empty((await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/programme-cycles/{next}/progress-report")).Body())["items"]!.AsArray());
        // asOf a moment, the report is what the hub knew then, forever: a late, backdated update changes today's report
        // for that date, not the one asked asOf before it was recorded.
        var ministry = hub.Client("KGG", "NationalIngest");
        var known = Uri.EscapeDataString(DateTime.UtcNow.ToString("O"));
        await Task.Delay(10);
        var before = await (await ministry.GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=2026-09-01&asOf={known}")).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync($"/api/v1/miek-projects/{silent}/progress-updates",
            Json("""{"asOfDate":"2026-08-31","phase":"planning","schedule":"onSchedule"}"""))).StatusCode);
        Assert.Equal(before, await (await ministry.GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=2026-09-01&asOf={known}")).Content.ReadAsStringAsync());
        var now = await (await ministry.GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=2026-09-01")).Body();
        Assert.Equal("onSchedule", now["items"]!.AsArray().Single(x => x!["project"]!.GetValue<string>() == silent)!["progress"]!.GetValue<string>());
        Assert.Equal("noRecentUpdate", JsonNode.Parse(before)!["items"]!.AsArray().Single(x => x!["project"]!.GetValue<string>() == silent)!["progress"]!.GetValue<string>());
        await (await ministry.GetAsync($"/api/v1/programme-cycles/{next}/progress-report?asOf=soon")).Problem(HttpStatusCode.BadRequest);
        await (await hub.Client().GetAsync($"/api/v1/programme-cycles/{next}/progress-report?date=1-9-2026")).Problem(HttpStatusCode.BadRequest);

        // The ministry follows the updates through the change feed.
        var feed = await (await hub.Client("KGG", "NationalIngest").GetAsync("/api/v1/changes?limit=1000")).Body();
        var delayedId = (await delayed.Body())["id"]!.GetValue<string>();
        Assert.Contains(feed["events"]!.AsArray(), e => e!["resourceType"]!.GetValue<string>() == "miekProgress" && e["id"]!.GetValue<string>() == delayedId);
        var municipal = await (await hub.Client("GM0344", "Reader").GetAsync("/api/v1/changes?limit=1000")).Body();
        Assert.DoesNotContain(municipal["events"]!.AsArray(), e => e!["id"]!.GetValue<string>() == delayedId); // PV27's, not Utrecht's
    }

    [Fact]
    public async Task The_project_list_sorts_by_fiche_keys_with_missing_values_last_in_every_format_and_over_GraphQL()
    {
        var cycle = await hub.CycleAsync("PV26", 2033);
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        // Codes are unique per province across its cycles: each run of this test has its own prefix; the letter is what is compared.
        var tag = $"s{Id()[..6]}-";
        async Task<string> Project(string code, string finance, string planning)
        {
            var created = await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
                {"cycle":"{{cycle}}","code":"{{tag}}{{code}}","name":"Project {{code}}","infrastructureType":"storage","carrier":"electricity","projectType":"concrete",
                 "finance":{{finance}},"planning":{{planning}} }
                """));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return code;
        }
        await Project("a", """{"investmentEurMillions":5,"coverage":"covered"}""", """{"indicativeDelivery":2031}""");
        await Project("b", """{"investmentEurMillions":40,"coverage":"unknown"}""", """{"indicativeDelivery":2029}""");
        await Project("c", """{"coverage":"unknown"}""", """{"indicativeDelivery":2029}""");
        var d = await Project("d", """{"investmentEurMillions":12,"coverage":"covered"}""", "{}");
        var dId = (await (await coordinator.GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["items"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == tag + d)!["id"]!.GetValue<string>();
        await hub.DecideAsync(dId, "notIncluded", "PV26", "Niet nodig.");

        var reader = hub.Client("GM0344", "Reader");
        async Task<List<string>> Codes(string sort) => [.. (await (await reader.GetAsync($"/api/v1/miek-projects?cycle={cycle}&sort={sort}")).Body())["items"]!.AsArray()
            .Select(p => p!["code"]!.GetValue<string>()[tag.Length..])];
        Assert.Equal(["b", "d", "a", "c"], await Codes("-investment"));     // no investment: last, also descending
        Assert.Equal(["a", "d", "b", "c"], await Codes("investment"));
        Assert.Equal(["c", "b", "a", "d"], await Codes("delivery,-code"));  // ties broken by the next key
        Assert.Equal(["d", "a", "b", "c"], await Codes("decision"));        // undecided last
        Assert.Equal(["a", "b", "c", "d"], await Codes(""));                // the list's own order: province, code
        // The same order in CSV and GeoJSON, and over GraphQL.
        var csv = await (await reader.GetAsync($"/api/v1/miek-projects?cycle={cycle}&sort=-investment&f=csv")).Content.ReadAsStringAsync();
        var csvCodes = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[2][tag.Length..]).ToList();
        Assert.Equal(["b", "d", "a", "c"], csvCodes);
        var geo = await (await reader.GetAsync($"/api/v1/miek-projects?cycle={cycle}&sort=-investment&f=geojson")).Body();
        Assert.Equal(["b", "d", "a", "c"], geo["features"]!.AsArray().Select(f => f!["properties"]!["code"]!.GetValue<string>()[tag.Length..]));
        var graph = await reader.PostAsync("/api/v1/graphql", Json(new JsonObject { ["query"] = $$"""{ miekProjects(cycle: "{{cycle}}", sort: "-investment", first: 3) { nodes { code } pageInfo { endCursor } } }""" }.ToJsonString()));
        var page = JsonNode.Parse(await graph.Content.ReadAsStringAsync())!["data"]!["miekProjects"]!;
        Assert.Equal(["b", "d", "a"], page["nodes"]!.AsArray().Select(n => n!["code"]!.GetValue<string>()[tag.Length..]));
        var problem = await (await reader.GetAsync($"/api/v1/miek-projects?cycle={cycle}&sort=-price")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("sort", problem.Errors().Single()["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ministry_ingests_every_provinces_pMIEK_as_json_geojson_and_escaped_csv_with_an_overview_and_asOf_the_baseline_nothing_moves()
    {
        const int Year = 2031; // a round of its own in this hub
        var national = await hub.CycleAsync("national", Year);
        var utrecht = await hub.CycleAsync("PV26", Year);
        var gelderland = await hub.CycleAsync("PV25", Year);
        var a = await hub.ProjectNamedAsync("PV26", utrecht, "a", "=HYPERLINK(\"http://evil.example\",\"klik\")");
        var b = await hub.ProjectNamedAsync("PV26", utrecht, "b", "Warmtenet", ""","capacityMw":5""", "heatNetwork", "heat");
        var g = await hub.ProjectNamedAsync("PV25", gelderland, "g", "+31 kabel", ""","narrative":"@SUM(A1:A9)" """);
        await hub.DecideAsync(a, "prioritised", "PV26", "Nodig.");
        await hub.DecideAsync(b, "notIncluded", "PV26", "Geen vraag.");

        var ministry = hub.Client("KGG", "NationalIngest");
        var all = await (await ministry.GetAsync($"/api/v1/miek-projects?cycle={national}")).Body();
        Assert.Equal([a, b, g], all["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order());
        Assert.Equal(3, (await (await ministry.GetAsync($"/api/v1/miek-projects?year={Year}")).Body())["numberReturned"]!.GetValue<int>());
        // A municipality in Utrecht: only Utrecht's, in the list and in the overview.
        var municipal = await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects?cycle={national}")).Body();
        Assert.Equal([a, b], municipal["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order());
        var municipalOverview = await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-overview?cycle={national}")).Body();
        Assert.Equal(["PV26"], municipalOverview["byProvince"]!.AsArray().Select(x => x!["key"]!.GetValue<string>()));

        // CSV, the national format: a header, one row per project; formulas escaped so a spreadsheet shows them as text.
        var csv = await ministry.GetAsync($"/api/v1/miek-projects?cycle={national}&f=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(string.Join(",", DataHub.Api.Features.Programme.MiekProjectCsv.Columns), lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"", text);
        Assert.Contains("'+31 kabel", text);
        Assert.Contains("'@SUM(A1:A9)", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.DoesNotContain(",+31", text);
        Assert.StartsWith("PV25,", lines[1]); // ordered by province, then code
        var accept = await ministry.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/miek-projects?cycle={national}") { Headers = { { "Accept", "text/csv" } } });
        Assert.Equal(text, await accept.Content.ReadAsStringAsync());

        // The national overview: by province, carrier, type, status and decision.
        var overview = await (await ministry.GetAsync($"/api/v1/miek-overview?cycle={national}")).Body();
        Assert.Equal((3, 30.0, 5.0), (overview["total"]!["projects"]!.GetValue<int>(), overview["total"]!["investmentEurMillions"]!.GetValue<double>(),
            overview["total"]!["capacityMw"]!.GetValue<double>()));
        JsonNode Group(string by, string key) => overview[by]!.AsArray().Single(x => x!["key"]!.GetValue<string>() == key)!;
        Assert.Equal((2, 1, 1), (Group("byProvince", "PV26")["projects"]!.GetValue<int>(), Group("byProvince", "PV26")["prioritised"]!.GetValue<int>(),
            Group("byProvince", "PV26")["notIncluded"]!.GetValue<int>()));
        Assert.Equal(1, Group("byProvince", "PV25")["undecided"]!.GetValue<int>());
        Assert.Equal((2, 1), (Group("byCarrier", "electricity")["projects"]!.GetValue<int>(), Group("byCarrier", "heat")["projects"]!.GetValue<int>()));
        Assert.Equal(1, Group("byInfrastructureType", "heatNetwork")["projects"]!.GetValue<int>());
        Assert.Equal(3, Group("byProjectType", "concrete")["projects"]!.GetValue<int>());
        Assert.Equal(3, Group("byStatus", "candidate")["projects"]!.GetValue<int>());
        Assert.Equal([("notIncluded", 1), ("prioritised", 1), ("undecided", 1)],
            overview["byDecision"]!.AsArray().Select(x => (x!["key"]!.GetValue<string>(), x["projects"]!.GetValue<int>())));

        // Freeze Utrecht's baseline; then the data moves on. Asked asOf the baseline, every format answers the same, byte for byte.
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var frozen = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{utrecht}/baseline", null, "\"1\"")).Body();
        var at = Uri.EscapeDataString(frozen["baselineAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("O"));
        string[] questions =
        [
            $"/api/v1/miek-projects?cycle={utrecht}&asOf={at}", $"/api/v1/miek-projects?cycle={utrecht}&asOf={at}&f=csv",
            $"/api/v1/miek-projects?cycle={utrecht}&asOf={at}&f=geojson", $"/api/v1/miek-overview?cycle={utrecht}&asOf={at}",
            $"/api/v1/development-aggregates?level=municipality&area=GM0321&asOf={at}", $"/api/v1/development-loads?level=municipality&area=GM0321&asOf={at}",
            // One project, its assessment and its fiche (JSON and the printable page) as they stood at the baseline.
            $"/api/v1/miek-projects/{a}?asOf={at}", $"/api/v1/miek-projects/{b}?asOf={at}", $"/api/v1/miek-projects/{a}/assessment?asOf={at}",
            $"/api/v1/miek-projects/{b}/fiche?asOf={at}", $"/api/v1/miek-projects/{a}/fiche?asOf={at}&f=html",
        ];
        async Task<List<string>> Ask() => [.. await Task.WhenAll(questions.Select(async q => await (await ministry.GetAsync(q)).Content.ReadAsStringAsync()))];
        var before = await Ask();
        Assert.Contains("HYPERLINK", before[1]);

        var changed = (await (await ministry.GetAsync($"/api/v1/miek-projects/{a}")).Body()).AsObject();
        var body = new JsonObject { ["cycle"] = utrecht, ["code"] = "a", ["name"] = "Hernoemd", ["infrastructureType"] = "hvStationExpansion", ["carrier"] = "electricity",
            ["projectType"] = "concrete", ["status"] = "pmiekStatus" };
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{a}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            $"\"{changed["version"]}\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{b}/decision", Json("""{"decision":"included","reason":"Toch vraag."}"""), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.Send(HttpMethod.Delete, $"/api/v1/miek-projects/{b}", null, "\"1\"")).StatusCode);
        await hub.ProjectNamedAsync("PV26", utrecht, "late");
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.21, 52.015)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{a}/scores/A", Json("""{"score":"high","rationale":"Na de baseline."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync($"/api/v1/miek-projects/{a}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"delayed","reason":"Na de baseline."}"""))).StatusCode);

        var after = await Ask();
        for (var i = 0; i < questions.Length; i++) Assert.True(before[i] == after[i], $"{questions[i]} changed after the baseline");
        // Not the same answer by accident: now, the fiche tells the later state; asOf the baseline, the state then, and says so.
        var baselineFiche = JsonNode.Parse(before[Array.FindIndex(questions, q => q.Contains($"{b}/fiche"))])!;
        Assert.Equal(("notIncluded", "Geen vraag.", false), (baselineFiche["project"]!["decision"]!.GetValue<string>(),
            baselineFiche["project"]!["decisionReason"]!.GetValue<string>(), baselineFiche["project"]!["retired"]!.GetValue<bool>()));
        var currentFiche = await (await ministry.GetAsync($"/api/v1/miek-projects/{b}/fiche")).Body();
        Assert.Equal(("included", true), (currentFiche["project"]!["decision"]!.GetValue<string>(), currentFiche["project"]!["retired"]!.GetValue<bool>()));
        var currentA = await (await ministry.GetAsync($"/api/v1/miek-projects/{a}/fiche?f=html")).Content.ReadAsStringAsync();
        var baselineA = before[^1];
        Assert.Contains("Na de baseline.", currentA);
        Assert.DoesNotContain("Na de baseline.", baselineA);
        Assert.Contains("stand per", baselineA);
        Assert.DoesNotContain(JsonNode.Parse(before[Array.FindIndex(questions, q => q.Contains($"{a}/assessment"))])!["scores"]!.AsArray(), x => x!["current"] is not null);
        // Before the project existed there is nothing to show.
        await (await ministry.GetAsync($"/api/v1/miek-projects/{a}/fiche?asOf=2020-01-01T00:00:00Z")).Problem(HttpStatusCode.NotFound);
        await (await ministry.GetAsync($"/api/v1/miek-projects/{a}/assessment?asOf=yesterday")).Problem(HttpStatusCode.BadRequest);
        var now = await (await ministry.GetAsync($"/api/v1/miek-projects?cycle={utrecht}")).Body();
        Assert.Equal(["Hernoemd", "Uitbreiding OS"], now["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order());
        // …and the cycle's changes list the late addition as such.
        var changes = await (await ministry.GetAsync($"/api/v1/programme-cycles/{utrecht}/changes")).Body();
        Assert.Contains(changes["items"]!.AsArray(), c => c!["resourceType"]!.GetValue<string>() == "miekProject" && c["change"]!.GetValue<string>() == "added");
        Assert.Contains(changes["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == b && c["change"]!.GetValue<string>() == "retired");

        await (await ministry.GetAsync($"/api/v1/miek-overview?cycle={Guid.NewGuid()}")).Problem(HttpStatusCode.BadRequest);
        await (await ministry.GetAsync($"/api/v1/miek-projects?year=twenty")).Problem(HttpStatusCode.BadRequest);
    }
}

public sealed class MiekProgrammeOnSqlite(SqliteHub hub) : MiekProgrammeTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekProgrammeOnPostgis(PostgresHub hub) : MiekProgrammeTests(hub), IClassFixture<PostgresHub>;
