namespace DataHub.IntegrationTests;

/// <summary>
/// A project's assessment on both databases: the fiche (JSON and one printable page in a real Chromium) with its
/// scores, decision and the hub's facts, a province's own weighing framework, and publication once all is decided.
/// </summary>
public abstract class MiekFicheTests(Hub hub)
{
    [Fact]
    public async Task The_fiche_has_every_field_the_scores_and_the_relieved_bottleneck_and_prints_on_one_page()
    {
        // Houten (an area of this test's own: the other tests build outside it): 2 MW offtake until 2029; 1,500 homes from 2027 load it 2.4 MW (short 0.4 MW in 2027 and 2028).
        var stedin = hub.Client("STEDIN", "Submitter");
        var code = $"OS Houten {Id()}";
        var map = $$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"test","identifier":"fiche","issued":"2026-11-01",
             "energy_areas":[{"short_code":"{{code}}","works":[]}]}
            """;
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.14,52.02],[5.20,52.02],[5.20,52.04],[5.14,52.04],[5.14,52.02]]]},
              "properties":{"shortCode":"{{{code}}}","capacity":[{"year":2025,"offtakeMw":2,"feedInMw":20},{"year":2029,"offtakeMw":10,"feedInMw":20}]}}]}
            """))).StatusCode);
        var area = (await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=STEDIN")).Body())["items"]!.AsArray()
            .Single(a => a!["shortCode"]!.GetValue<string>() == code)!["id"]!.GetValue<string>();
        var homes = (await (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.17, 52.03,
            p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 1500, ["unit"] = "homes" }))))).Body())["id"]!.GetValue<string>();

        var cycle = await hub.CycleAsync("PV26", 2027);
        var id = await hub.ProjectNamedAsync("PV26", cycle, "os-houten", "OS Houten <uitbreiding> & kabel", $$"""
            ,"developments":["{{homes}}"],"energyAreas":["{{area}}"],"capacityMw":1,"sectors":["housing"],"works":["Uitbreiding OS Houten"],
             "planning":{"indicativeDelivery":2028,"infrastructurePhase":"planning","developmentsPhase":"exploration"},
             "description":"Tweede transformator.","narrative":"Zonder uitbreiding geen aansluiting voor Houten-Oost.","reasonForInclusion":"acceleration",
             "dependencies":{"miekProjects":["380 kV Utrecht-Noord"]},"executionAgreements":"Stedin bouwt, Houten vergunt."
            """);
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/A", Json("""{"score":"high","rationale":"1.500 woningen in Houten-Oost."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PutAsync($"/api/v1/miek-projects/{id}/scores/C", Json("""{"score":"much","rationale":"Lost het knelpunt afname op."}"""))).StatusCode);
        await hub.DecideAsync(id, "prioritised", "PV26", "Knelpunt vanaf 2027.");
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync($"/api/v1/miek-projects/{id}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}"""))).StatusCode);

        var fiche = await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects/{id}/fiche")).Body();
        var project = fiche["project"]!;
        Assert.Equal(("OS Houten <uitbreiding> & kabel", 1.0, 2028, "prioritised"), (project["name"]!.GetValue<string>(), project["capacityMw"]!.GetValue<double>(),
            project["planning"]!["indicativeDelivery"]!.GetValue<int>(), project["decision"]!.GetValue<string>()));
        foreach (var field in new[] { "sectors", "developments", "energyAreas", "works", "finance", "planning", "parties", "description", "narrative",
                     "reasonForInclusion", "dependencies", "executionAgreements", "decisionReason" })
            Assert.NotNull(project[field]);
        Assert.Equal(8, fiche["framework"]!["criteria"]!.AsArray().Count);
        Assert.Equal("Lost het knelpunt afname op.", fiche["assessment"]!["scores"]!.AsArray().Single(s => s!["criterion"]!.GetValue<string>() == "C")!["current"]!["rationale"]!.GetValue<string>());
        Assert.Equal(("onSchedule", "STEDIN"), (fiche["latestProgress"]!["schedule"]!.GetValue<string>(), fiche["latestProgress"]!["authorOrganisation"]!.GetValue<string>()));
        Assert.Equal("Polygon", fiche["areas"]![0]!["boundary"]!["type"]!.GetValue<string>());
        var series = fiche["loadAgainstCapacity"]!;
        var i2027 = series["years"]!.AsArray().Select(y => y!.GetValue<int>()).ToList().IndexOf(2027);
        Assert.Equal((2.4, 2.0), (series["peakOfftakeMw"]![i2027]!.GetValue<double>(), series["availableOfftakeMw"]![i2027]!.GetValue<double>()));

        // Criterion C: the bottleneck (2027–2028, 0.4 MW) is relieved from delivery in 2028 by min(1 MW, 0.4 MW); one year short before.
        var c = fiche["assessment"]!["criterionC"]!;
        var relief = c["bottlenecks"]!.AsArray().Single(b => b!["scenario"]!.GetValue<string>() == "committed" && b["direction"]!.GetValue<string>() == "offtake")!;
        Assert.Equal((2027, 0.4, 2028, 1, 0.4, 0.0), (relief["firstYear"]!.GetValue<int>(), relief["peakShortfallMw"]!.GetValue<double>(),
            relief["reliefFromYear"]!.GetValue<int>(), relief["yearsShortBeforeRelief"]!.GetValue<int>(), relief["reliefMw"]!.GetValue<double>(),
            relief["remainingShortfallMw"]!.GetValue<double>()));
        Assert.Null(c["note"]);
        Assert.Equal((1, 1500.0), (fiche["assessment"]!["criterionA"]!["developments"]!.GetValue<int>(), fiche["assessment"]!["criterionA"]!["homes"]!.GetValue<double>()));

        // One printable page: every fiche field, every criterion with the rationale, a map and a chart; the data escaped.
        var page = await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects/{id}/fiche?f=html");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Its own policy: nothing loads or runs but its one style element (by the hash of what it sends) and inline SVG.
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy);
        Assert.DoesNotContain("script-src", policy);
        var html = await page.Content.ReadAsStringAsync();
        var style = System.Text.RegularExpressions.Regex.Match(html, "<style>(.*?)</style>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)))}'", policy);
        Assert.Contains("OS Houten &lt;uitbreiding&gt; &amp; kabel", html);
        Assert.DoesNotContain("<uitbreiding>", html);
        Assert.Contains("size: A4", html);
        foreach (var text in new[] { "Tweede transformator.", "Zonder uitbreiding geen aansluiting voor Houten-Oost.", "Stedin bouwt, Houten vergunt.", "380 kV Utrecht-Noord",
                     "Uitbreiding OS Houten", "STEDIN (uitvoerder)", "1.500 woningen in Houten-Oost.", "Lost het knelpunt afname op.", "geprioriteerd", "Knelpunt vanaf 2027.",
                     "Maatschappelijke doelbereiking", "Kosten", "op schema", "0,4 MW vanaf 2028", "uitbreiding HS-station", "hoog" })
            Assert.Contains(WebUtility.HtmlEncode(text), html);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        var html2 = await (await hub.Client("GM0344", "Reader").SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/miek-projects/{id}/fiche")
            { Headers = { { "Accept", "text/html" } } })).Content.ReadAsStringAsync();
        Assert.Equal(html, html2);

        // Outside the province's region: no fiche; a bad format: a problem.
        await (await hub.Client("GM0202", "Reader").GetAsync($"/api/v1/miek-projects/{id}/fiche")).Problem(HttpStatusCode.NotFound);
        await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects/{id}/fiche?f=pdf")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_fiche_page_prints_on_one_A4_sheet_in_a_real_Chromium_even_with_every_text_at_its_longest()
    {
        // Four areas without capacity near Zeist, loaded both ways by homes and a solar park: eight bottlenecks, a map and a chart.
        var stedin = hub.Client("STEDIN", "Submitter");
        var codes = Enumerable.Range(0, 4).Select(i => $"OS Zeist {i} {Id()}").ToList();
        var map = $$"""
            {"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"test","identifier":"print","issued":"2026-11-01",
             "energy_areas":{{new JsonArray([.. codes.Select(c => (JsonNode)new JsonObject { ["short_code"] = c, ["works"] = new JsonArray() })]).ToJsonString()}}}
            """;
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        JsonObject Area(int i)
        {
            double x = 5.30 + i % 2 * 0.02, y = 52.10 + i / 2 * 0.01;
            var ring = new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.02, y), new JsonArray(x + 0.02, y + 0.01), new JsonArray(x, y + 0.01), new JsonArray(x, y));
            return new JsonObject
            {
                ["type"] = "Feature", ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
                ["properties"] = new JsonObject { ["shortCode"] = codes[i], ["capacity"] = new JsonArray(new JsonObject { ["year"] = 2025, ["offtakeMw"] = 0.1, ["feedInMw"] = 0.1 }) },
            };
        }
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(Collection(Enumerable.Range(0, 4).Select(Area))))).StatusCode);
        var areas = (await (await hub.Client().GetAsync("/api/v1/energy-areas?operator=STEDIN")).Body())["items"]!.AsArray()
            .Where(a => codes.Contains(a!["shortCode"]!.GetValue<string>())).Select(a => a!["id"]!.GetValue<string>()).ToList();
        var zeist = hub.Client("GM0355", "Submitter");
        Assert.Equal(HttpStatusCode.Created, (await zeist.PostAsync("/api/v1/developments", Http.GeoJson(Square(Id(), 5.32, 52.11, 0.015,
            p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 2000, ["unit"] = "homes" }))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await zeist.PostAsync("/api/v1/developments", Http.GeoJson(Square(Id(), 5.32, 52.11, 0.015, p =>
        {
            p["planType"] = "RES"; p["sector"] = "renewableGeneration"; p["kind"] = "solarPark"; p["assetType"] = "producer";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 20, ["unit"] = "MWp" });
        })))).StatusCode);

        var cycle = await hub.CycleAsync("PV26", 2027);
        string Long(int n) => string.Concat(Enumerable.Repeat("Lange tekst over netcongestie en woningbouw. ", n / 45 + 1))[..n].Trim();
        var id = await hub.ProjectNamedAsync("PV26", cycle, "long-" + Id(), Long(300), $$"""
            ,"description":"{{Long(4000)}}","narrative":"{{Long(8000)}}","executionAgreements":"{{Long(4000)}}","capacityMw":5,
             "energyAreas":[{{string.Join(",", areas.Select(a => $"\"{a}\""))}}],"planning":{"indicativeDelivery":2030},
             "works":["{{Long(300)}}","{{Long(300)}}","{{Long(300)}}"],"parties":[{"organisation":"STEDIN","role":"{{Long(200)}}"},{"organisation":"GM0321","role":"{{Long(200)}}"}],
             "dependencies":{"miekProjects":["{{Long(300)}}","{{Long(300)}}"],"outsideProvince":["{{Long(300)}}"]}
            """);
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        foreach (var c in new[] { "A", "B", "D", "E", "F", "G" })
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/{c}",
                Json($$"""{"score":"{{(c is "F" or "G" ? "muchEffort" : c == "E" ? "medium" : c == "B" ? "good" : "high")}}","rationale":"{{Long(4000)}}"}"""))).StatusCode);
        await hub.DecideAsync(id, "included", "PV26", Long(4000));
        var html = await (await coordinator.GetAsync($"/api/v1/miek-projects/{id}/fiche?f=html")).Content.ReadAsStringAsync();
        Assert.Contains("volledige fiche", html); // long texts are shortened on the page, and say where the rest is
        Assert.Contains("en 4 knelpunten meer", html);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        await AssertPrintsOnOneA4PageAsync(html);
    }

    [Fact]
    public async Task A_province_tailors_its_weighing_framework_and_projects_are_scored_against_it()
    {
        var coordinator = hub.Client("PV29", "ProgrammeCoordinator"); // Zeeland: no other test here tailors it
        var untailored = await (await hub.Client().GetAsync("/api/v1/weighing-frameworks/PV29")).Body();
        Assert.Equal((false, "afwegingskader-pmiek-2", 8), (untailored["tailored"]!.GetValue<bool>(), untailored["code"]!.GetValue<string>(), untailored["criteria"]!.AsArray().Count));
        const string Tailored = """
            {"code":"afwegingskader-zeeland-2027","name":"Afwegingskader Zeeland","criteria":[
              {"code":"A","name":"Maatschappelijke doelbereiking","type":"societalValue","question":"Welke ontwikkelingen?","scale":["high","medium","low"],"scoredBy":"workOrganisation"},
              {"code":"C","name":"Efficiëntie","type":"systemTest","question":"Netoptimaal?","scale":["much","medium","little"],"scoredBy":"gridOperator"},
              {"code":"Z1","name":"Bijdrage aan de industrie in Sloegebied","type":"other","question":"Hoeveel CO2 bespaart het?","unit":"kton CO2/jaar","scoredBy":"workOrganisation"}]}
            """;
        // Only Zeeland's coordinator; every error with its pointer.
        await (await hub.Client("PV26", "ProgrammeCoordinator").PutAsync("/api/v1/weighing-frameworks/PV29", Json(Tailored))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("PV29", "Reader").PutAsync("/api/v1/weighing-frameworks/PV29", Json(Tailored))).Problem(HttpStatusCode.Forbidden);
        await (await coordinator.PutAsync("/api/v1/weighing-frameworks/PV99", Json(Tailored))).Problem(HttpStatusCode.NotFound);
        var bad = await (await coordinator.PutAsync("/api/v1/weighing-frameworks/PV29", Json("""
            {"code":"x","name":"y","criteria":[{"code":"a","name":"n","type":"vibes","question":"q","scale":["x"],"scoredBy":"me"},
              {"code":"B","name":"n","type":"cost","question":"q","scoredBy":"gridOperator"},{"code":"B","name":"n","type":"cost","question":"q","unit":"EUR","scoredBy":"gridOperator","weight":3}]}
            """))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["/criteria/0/code", "/criteria/0/scale", "/criteria/0/scoredBy", "/criteria/0/type", "/criteria/1/unit", "/criteria/2/code", "/criteria/2/weight"],
            bad.Errors().Select(e => e["pointer"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var put = await coordinator.PutAsync("/api/v1/weighing-frameworks/PV29", Json(Tailored));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((true, 1), ((await put.Body())["tailored"]!.GetValue<bool>(), (await put.Body())["version"]!.GetValue<int>()));
        await (await coordinator.PutAsync("/api/v1/weighing-frameworks/PV29", Json(Tailored))).Problem(HttpStatusCode.PreconditionRequired);
        Assert.Equal(["A", "C", "Z1"], (await (await hub.Client("GM0202", "Reader").GetAsync("/api/v1/weighing-frameworks/PV29")).Body())["criteria"]!.AsArray()
            .Select(c => c!["code"]!.GetValue<string>()));

        // Scores follow Zeeland's framework: Z1 is an amount, D is not a criterion there.
        var cycle = await hub.CycleAsync("PV29", 2027);
        var id = await hub.ProjectNamedAsync("PV29", cycle, "sloe-" + Id());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/Z1", Json("""{"score":120,"rationale":"Twee fabrieken elektrificeren."}"""))).StatusCode);
        var wrong = await (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}/scores/Z1", Json("""{"score":"high","rationale":"x"}"""), "\"1\"")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("invalidNumber", wrong.Errors().Single()["code"]!.GetValue<string>());
        await (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/D", Json("""{"score":"high","rationale":"x"}"""))).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client("STEDIN", "Submitter").PutAsync($"/api/v1/miek-projects/{id}/scores/C", Json("""{"score":"much","rationale":"Netoptimaal."}"""))).StatusCode);
        var assessment = await (await coordinator.GetAsync($"/api/v1/miek-projects/{id}/assessment")).Body();
        Assert.Equal("afwegingskader-zeeland-2027", assessment["framework"]!.GetValue<string>());
        Assert.Equal([("A", null), ("C", "much"), ("Z1", "120")], assessment["scores"]!.AsArray()
            .Select(x => (x!["criterion"]!.GetValue<string>(), x["current"]?["value"]?.GetValue<string>())));
        var fiche = await (await coordinator.GetAsync($"/api/v1/miek-projects/{id}/fiche")).Body();
        Assert.Equal("afwegingskader-zeeland-2027", fiche["framework"]!["code"]!.GetValue<string>());
        Assert.Contains("Bijdrage aan de industrie in Sloegebied", await (await coordinator.GetAsync($"/api/v1/miek-projects/{id}/fiche?f=html")).Content.ReadAsStringAsync());
        // The change feed announces the framework to everyone.
        Assert.Contains((await (await hub.Client().GetAsync("/api/v1/changes?limit=1000")).Body())["events"]!.AsArray(),
            e => e!["resourceType"]!.GetValue<string>() == "weighingFramework");
    }

    [Fact]
    public async Task A_province_publishes_its_pMIEK_once_the_baseline_is_frozen_and_every_project_is_decided()
    {
        var coordinator = hub.Client("PV30", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV30", 2027);
        var decided = await hub.ProjectNamedAsync("PV30", cycle, "decided-" + Id());
        var open = await hub.ProjectNamedAsync("PV30", cycle, "open-" + Id());
        await hub.DecideAsync(decided, "prioritised", "PV30", "Nodig.");
        var notFrozen = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/publication", null, "\"1\"")).Problem(HttpStatusCode.Conflict);
        Assert.Contains("Freeze the baseline", notFrozen["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/baseline", null, "\"1\"")).StatusCode);
        var undecided = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/publication", null, "\"2\"")).Problem(HttpStatusCode.Conflict);
        Assert.Contains("open-", undecided["detail"]!.GetValue<string>());
        Assert.DoesNotContain("decided-", undecided["detail"]!.GetValue<string>());
        await hub.DecideAsync(open, "notIncluded", "PV30", "Geen vraag.");
        await (await hub.Client("PV30", "Reader").Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/publication", null, "\"2\"")).Problem(HttpStatusCode.Forbidden);
        var published = await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/publication", null, "\"2\"")).Body();
        Assert.Equal(("published", 3), (published["status"]!.GetValue<string>(), published["version"]!.GetValue<int>()));
        Assert.NotNull(published["baselineAt"]);
        await (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{cycle}/publication", null, "\"3\"")).Problem(HttpStatusCode.Conflict);
        var list = await (await hub.Client().GetAsync("/api/v1/programme-cycles?scope=PV30&status=published")).Body();
        Assert.Equal([cycle], list["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        await (await hub.Client().GetAsync("/api/v1/programme-cycles?status=adopted")).Problem(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// Prints the page in a real headless Chromium (Debian's package, installed by .ci/run) and counts the PDF's pages.
    /// Without a Chromium on the machine the check is skipped, like the PostGIS tests.
    /// </summary>
    private static async Task AssertPrintsOnOneA4PageAsync(string html)
    {
        var chromium = Environment.GetEnvironmentVariable("DATAHUB_CHROMIUM")
            ?? new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null) Assert.Skip("no Chromium on this machine: the print check runs in CI (.ci/run installs it)");
        var dir = Directory.CreateTempSubdirectory("fiche-");
        try
        {
            var page = Path.Combine(dir.FullName, "fiche.html");
            var pdf = Path.Combine(dir.FullName, "fiche.pdf");
            await File.WriteAllTextAsync(page, html);
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--user-data-dir={dir.FullName}/profile", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri])
                { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var log = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(File.Exists(pdf), $"Chromium printed no PDF: {await log}");
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf));
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page(?![a-zA-Z])"));
            // A4 is 595 × 842 points.
            Assert.Matches(@"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]", text);
        }
        finally { dir.Delete(recursive: true); }
    }
}

public sealed class MiekFicheOnSqlite(SqliteHub hub) : MiekFicheTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekFicheOnPostgis(PostgresHub hub) : MiekFicheTests(hub), IClassFixture<PostgresHub>;
