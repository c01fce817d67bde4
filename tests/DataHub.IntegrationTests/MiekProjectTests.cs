namespace DataHub.IntegrationTests;

/// <summary>(p)MIEK projects over HTTP on both databases: the fiche, who writes, who reads, versions, the change feed.</summary>
public abstract class MiekProjectTests(Hub hub)
{
    private static JsonObject Project(string cycle, string code, string? development = null) => new()
    {
        ["cycle"] = cycle, ["code"] = code, ["name"] = "Uitbreiding onderstation Houten 150/20 kV",
        ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(5.17, 52.03) },
        ["infrastructureType"] = "hvStationExpansion", ["carrier"] = "electricity", ["projectType"] = "concrete", ["status"] = "candidate",
        ["sectors"] = new JsonArray("housing", "mobility"),
        ["developments"] = development is null ? new JsonArray() : new JsonArray(development),
        ["works"] = new JsonArray("Verzwaring OS Houten"),
        ["finance"] = new JsonObject { ["investmentEurMillions"] = 35, ["coverage"] = "extraSupportNeeded" },
        ["planning"] = new JsonObject { ["indicativeDelivery"] = 2030, ["infrastructurePhase"] = "planning", ["developmentsPhase"] = "exploration" },
        ["parties"] = new JsonArray(new JsonObject { ["organisation"] = "STEDIN", ["role"] = "uitvoerder" }, new JsonObject { ["organisation"] = "GM0321", ["role"] = "bevoegd gezag" }),
        ["narrative"] = "Zonder uitbreiding geen aansluiting voor 1.500 woningen in Houten-Oost.",
        ["reasonForInclusion"] = "acceleration",
        ["dependencies"] = new JsonObject { ["miekProjects"] = new JsonArray("380 kV-station Utrecht-Noord"), ["outsideProvince"] = new JsonArray() },
        ["executionAgreements"] = "Stedin realiseert, gemeente Houten versnelt de vergunning.",
    };

    [Fact]
    public async Task The_province_keeps_its_projects_with_their_fiche_and_its_own_region_reads_them()
    {
        var cycle = await hub.CycleAsync("PV26");
        var houten = hub.Client("GM0321", "Submitter");
        var homes = (await (await houten.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.17, 52.03)))).Body())["id"]!.GetValue<string>();
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var created = await coordinator.PostAsync("/api/v1/miek-projects", Json(Project(cycle, "os-houten", homes)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var project = await created.Body();
        var id = project["id"]!.GetValue<string>();
        Assert.Equal(("PV26", "PV26", "candidate", 35.0, "extraSupportNeeded"), (project["owner"]!.GetValue<string>(), project["proposedBy"]!.GetValue<string>(),
            project["status"]!.GetValue<string>(), project["finance"]!["investmentEurMillions"]!.GetValue<double>(), project["finance"]!["coverage"]!.GetValue<string>()));
        Assert.Equal(homes, project["developments"]![0]!.GetValue<string>());
        Assert.Equal(2, project["parties"]!.AsArray().Count);
        await (await coordinator.PostAsync("/api/v1/miek-projects", Json(Project(cycle, "os-houten")))).Problem(HttpStatusCode.Conflict);

        // Readers: the province, a municipality and RES region in it, the ministry, grid operators; not another province's municipality, not anonymous.
        foreach (var reader in new[] { ("GM0344", "Reader"), ("ES14", "Reader"), ("KGG", "NationalIngest"), ("STEDIN", "Reader"), ("PV26", "Reader") })
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(reader.Item1, reader.Item2).GetAsync($"/api/v1/miek-projects/{id}")).StatusCode);
        await (await hub.Client("GM0202", "Reader").GetAsync($"/api/v1/miek-projects/{id}")).Problem(HttpStatusCode.NotFound);
        await (await hub.Client().GetAsync($"/api/v1/miek-projects/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Contains((await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["items"]!.AsArray(),
            p => p!["id"]!.GetValue<string>() == id);
        Assert.Empty((await (await hub.Client("GM0202", "Reader").GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["items"]!.AsArray());
        // As GeoJSON for the ministry and maps: the location as geometry, the rest as properties.
        var geo = await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/miek-projects?cycle={cycle}&f=geojson");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        var feature = (await geo.Body())["features"]!.AsArray().Single()!;
        Assert.Equal(("Feature", "Point", 5.17), (feature["type"]!.GetValue<string>(), feature["geometry"]!["type"]!.GetValue<string>(),
            feature["geometry"]!["coordinates"]![0]!.GetValue<double>()));
        Assert.Equal("os-houten", feature["properties"]!["code"]!.GetValue<string>());
        await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/miek-projects?f=xlsx")).Problem(HttpStatusCode.BadRequest);

        // Only the province's coordinator writes; with If-Match; every change a version.
        var changed = Project(cycle, "os-houten", homes);
        changed["status"] = "pmiekStatus";
        await (await hub.Client("PV26", "Reader").Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}", Json(changed), "\"1\"")).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("PV27", "ProgrammeCoordinator").Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}", Json(changed), "\"1\"")).Problem(HttpStatusCode.NotFound);
        await (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}", Json(changed))).Problem(HttpStatusCode.PreconditionRequired);
        var updated = await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}", Json(changed), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("pmiekStatus", 2), ((await updated.Body())["status"]!.GetValue<string>(), (await updated.Body())["version"]!.GetValue<int>()));
        await (await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}", Json(changed), "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);

        // The change feed carries it to those who read it, and not to others.
        async Task<bool> InFeed(HttpClient client) =>
            (await (await client.GetAsync("/api/v1/changes?resourceType=miekProject&limit=1000")).Body())["events"]!.AsArray().Any(e => e!["id"]!.GetValue<string>() == id);
        Assert.True(await InFeed(hub.Client("KGG", "NationalIngest")));
        Assert.False(await InFeed(hub.Client("GM0202", "Reader")));

        // Retired: gone from the list, its history kept.
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.Send(HttpMethod.Delete, $"/api/v1/miek-projects/{id}", null, "\"2\"")).StatusCode);
        Assert.DoesNotContain((await (await coordinator.GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["items"]!.AsArray(), p => p!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_grid_operator_proposes_and_bad_fiches_are_refused_whole_with_every_error()
    {
        var cycle = await hub.CycleAsync("PV26");
        var stedin = hub.Client("STEDIN", "Submitter");
        var proposal = Project(cycle, "stedin-voorstel");
        proposal.Remove("status");
        var proposed = await (await stedin.PostAsync("/api/v1/miek-projects", Json(proposal))).Body();
        Assert.Equal(("proposed", "STEDIN", "PV26"), (proposed["status"]!.GetValue<string>(), proposed["proposedBy"]!.GetValue<string>(), proposed["owner"]!.GetValue<string>()));
        var promoted = Project(cycle, "stedin-voorstel-2");
        await (await stedin.PostAsync("/api/v1/miek-projects", Json(promoted))).Problem(HttpStatusCode.BadRequest); // status candidate is the province's call
        await (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/miek-projects", Json(Project(cycle, "x")))).Problem(HttpStatusCode.Forbidden);
        await (await hub.Client("PV27", "ProgrammeCoordinator").PostAsync("/api/v1/miek-projects", Json(Project(cycle, "x")))).Problem(HttpStatusCode.Forbidden);

        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var before = (await (await coordinator.GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["numberReturned"]!.GetValue<int>();
        var bad = Project(cycle, "bad");
        bad["carrier"] = "plasma";
        bad["sectors"] = new JsonArray("housing", "unicorns");
        bad["developments"] = new JsonArray(Guid.NewGuid().ToString());
        bad["finance"] = new JsonObject { ["investmentEurMillions"] = -3, ["coverage"] = "maybe" };
        bad["planning"] = new JsonObject { ["indicativeDelivery"] = 1999 };
        bad["parties"] = new JsonArray(new JsonObject { ["organisation"] = "STEDIN" });
        bad["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(-70.0, 10.0) };
        bad["owner"] = "PV27";
        var problem = await (await coordinator.PostAsync("/api/v1/miek-projects", Json(bad))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "/carrier", "/sectors/1", "/finance/investmentEurMillions", "/finance/coverage", "/planning/indicativeDelivery",
            "/parties/0/role", "/owner" }, pointers);
        Assert.Contains(pointers, p => p.StartsWith("/geometry", StringComparison.Ordinal));
        // References are checked once the shape is right: an unknown development, a national cycle.
        var unknown = Project(cycle, "ref");
        unknown["developments"] = new JsonArray(Guid.NewGuid().ToString());
        var refused = await (await coordinator.PostAsync("/api/v1/miek-projects", Json(unknown))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("unknownDevelopment", refused.Errors().Single()["code"]!.GetValue<string>());
        var national = await hub.CycleAsync("national", 2027, name: "MIEK");
        var toNational = await (await coordinator.PostAsync("/api/v1/miek-projects", Json(Project(national, "nat")))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/cycle", toNational.Errors().Single()["pointer"]!.GetValue<string>());
        Assert.Equal(before, (await (await coordinator.GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["numberReturned"]!.GetValue<int>());
    }
}

/// <summary>Scores with rationale and author, the decision and their history, over HTTP on both databases.</summary>
public abstract class MiekAssessmentTests(Hub hub)
{
    [Fact]
    public async Task Scores_and_decisions_are_traceable_to_their_authors_and_not_included_projects_stay_visible_with_their_reason()
    {
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var cycle = await hub.CycleAsync("PV26", 2027);
        var homes = (await (await hub.Client("GM0321", "Submitter").PostAsync("/api/v1/developments",
            Http.GeoJson(Point(Id(), 5.17, 52.03, p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2028, ["value"] = 1500, ["unit"] = "homes" }))))).Body())["id"]!.GetValue<string>();
        var project = await (await coordinator.PostAsync("/api/v1/miek-projects", Json($$"""
            {"cycle":"{{cycle}}","code":"os-houten","name":"OS Houten","infrastructureType":"hvStationExpansion","carrier":"electricity","projectType":"concrete",
             "developments":["{{homes}}"],"parties":[{"organisation":"STEDIN","role":"uitvoerder"}]}
            """))).Body();
        var id = project["id"]!.GetValue<string>();
        var framework = await (await hub.Client().GetAsync("/api/v1/weighing-frameworks/default")).Body();
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H"], framework["criteria"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));

        // A is the province's, C and H the grid operator's that is a party.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/A",
            Json("""{"score":"high","rationale":"1.500 woningen in Houten-Oost hangen ervan af."}"""))).StatusCode);
        await (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/C", Json("""{"score":"much","rationale":"x"}"""))).Problem(HttpStatusCode.Forbidden);
        var stedin = hub.Client("STEDIN", "Submitter");
        Assert.Equal(HttpStatusCode.OK, (await stedin.PutAsync($"/api/v1/miek-projects/{id}/scores/C", Json("""{"score":"much","rationale":"Ontlast twee MS-ruimtes."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PutAsync($"/api/v1/miek-projects/{id}/scores/H", Json("""{"score":35.5,"rationale":"Raming Stedin 2026."}"""))).StatusCode);
        await (await hub.Client("ENEXIS", "Submitter").PutAsync($"/api/v1/miek-projects/{id}/scores/C", Json("""{"score":"much","rationale":"x"}"""))).Problem(HttpStatusCode.Forbidden);
        await (await stedin.PutAsync($"/api/v1/miek-projects/{id}/scores/A", Json("""{"score":"high","rationale":"x"}"""))).Problem(HttpStatusCode.Forbidden);
        await (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/Z", Json("""{"score":"high","rationale":"x"}"""))).Problem(HttpStatusCode.NotFound);

        // Bad scores: every error with its pointer.
        var bad = await (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/B", Json("""{"score":"excellent","by":"me"}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["/by", "/rationale", "/score"], bad.Errors().Select(e => e["pointer"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var amount = await (await stedin.PutAsync($"/api/v1/miek-projects/{id}/scores/H", Json("""{"score":"duur","rationale":"x"}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("invalidNumber", amount.Errors().Single()["code"]!.GetValue<string>());

        // Replacing a score needs If-Match; both versions stay, each with its author.
        var rescore = await coordinator.Send(HttpMethod.Put, $"/api/v1/miek-projects/{id}/scores/A", Json("""{"score":"medium","rationale":"Fasering: 800 woningen eerst."}"""), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, rescore.StatusCode);
        await (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/scores/A", Json("""{"score":"low","rationale":"x"}"""))).Problem(HttpStatusCode.PreconditionRequired);

        // Not included, with the reason: visible to the province's municipalities, not elsewhere.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{id}/decision",
            Json("""{"decision":"notIncluded","reason":"Netbeheerder lost het op binnen het investeringsplan; geen provinciale versnelling nodig."}"""))).StatusCode);
        await (await stedin.PutAsync($"/api/v1/miek-projects/{id}/decision", Json("""{"decision":"prioritised","reason":"x"}"""))).Problem(HttpStatusCode.Forbidden);
        var assessment = await (await hub.Client("GM0344", "Reader").GetAsync($"/api/v1/miek-projects/{id}/assessment")).Body();
        Assert.Equal(("notIncluded", "PV26"), (assessment["decision"]!["value"]!.GetValue<string>(), assessment["decision"]!["authorOrganisation"]!.GetValue<string>()));
        Assert.StartsWith("Netbeheerder lost", assessment["decision"]!["rationale"]!.GetValue<string>());
        // …and the project itself, in the list the ministry ingests, says so too.
        var listed = (await (await hub.Client("KGG", "NationalIngest").GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["items"]!.AsArray().Single()!;
        Assert.Equal("notIncluded", listed["decision"]!.GetValue<string>());
        Assert.StartsWith("Netbeheerder lost", listed["decisionReason"]!.GetValue<string>());
        var a = assessment["scores"]!.AsArray().Single(s => s!["criterion"]!.GetValue<string>() == "A")!;
        Assert.Equal(["high", "medium"], a["history"]!.AsArray().Select(h => h!["value"]!.GetValue<string>()));
        Assert.Equal("medium", a["current"]!["value"]!.GetValue<string>());
        var c = assessment["scores"]!.AsArray().Single(s => s!["criterion"]!.GetValue<string>() == "C")!;
        Assert.Equal("STEDIN", c["current"]!["authorOrganisation"]!.GetValue<string>());
        Assert.Equal("35.5", assessment["scores"]!.AsArray().Single(s => s!["criterion"]!.GetValue<string>() == "H")!["current"]!["value"]!.GetValue<string>());
        Assert.Null(assessment["scores"]!.AsArray().Single(s => s!["criterion"]!.GetValue<string>() == "B")!["current"]);
        // The hub's supporting fact for A: the development behind it and its 1,500 homes.
        Assert.Equal((1, 1500.0), (assessment["criterionA"]!["developments"]!.GetValue<int>(), assessment["criterionA"]!["homes"]!.GetValue<double>()));
        await (await hub.Client("GM0202", "Reader").GetAsync($"/api/v1/miek-projects/{id}/assessment")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class MiekAssessmentOnSqlite(SqliteHub hub) : MiekAssessmentTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekAssessmentOnPostgis(PostgresHub hub) : MiekAssessmentTests(hub), IClassFixture<PostgresHub>;

public sealed class MiekProjectOnSqlite(SqliteHub hub) : MiekProjectTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekProjectOnPostgis(PostgresHub hub) : MiekProjectTests(hub), IClassFixture<PostgresHub>;
