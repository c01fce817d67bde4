namespace DataHub.IntegrationTests;

/// <summary>
/// The access matrix, kept as data: record visibility × agreement state × caller × endpoint. Each row says whether the
/// caller sees the record and whether it sees its sensitive properties (contact, stated energy). One leaked record or
/// property fails the build. Later surfaces (GraphQL, OGC, exports) add their endpoints to <see cref="Endpoints"/>.
/// </summary>
public abstract class AccessMatrixTests(Hub hub)
{
    private const string Owner = "CLUSTER6";
    private const string Recipient = "PV26";   // named in the agreement
    private const string Other = "PV27";       // same organisation type, not named

    /// <summary>
    /// visibility, agreement, caller → sees, sensitive. Written out by hand, not computed by the policy.
    /// Callers: owner (CLUSTER6, a sector party; Submitter + OrgAdmin), recipient (PV26, a province; Reader),
    /// coordinator (PV26 as ProgrammeCoordinator + Submitter: roles do not widen what a reader sees), other (PV27, a
    /// province not named), gemeente (GM0344, another organisation type), anonymous.
    /// Agreements name PV26, except detailByType, which names the organisation type "provincie".
    /// </summary>
    public static readonly string[] Matrix =
    [
        "public       none          owner      yes yes",
        "public       none          recipient  yes no",
        "public       none          other      yes no",
        "public       none          anonymous  yes no",
        "public       detail        recipient  yes yes",
        "public       detail        other      yes no",
        "public       detail        anonymous  yes no",
        "public       aggregateOnly recipient  yes no",
        "public       expired       recipient  yes no",
        "public       revoked       recipient  yes no",
        "public       detailByType  other      yes yes",
        "public       detailByType  gemeente   yes no",
        "shared       none          owner      yes yes",
        "shared       none          recipient  no  no",
        "shared       none          other      no  no",
        "shared       none          anonymous  no  no",
        "shared       detail        owner      yes yes",
        "shared       detail        recipient  yes yes",
        "shared       detail        other      no  no",
        "shared       detail        anonymous  no  no",
        "shared       aggregateOnly recipient  no  no",
        "shared       aggregateOnly other      no  no",
        "shared       expired       recipient  no  no",
        "shared       revoked       recipient  no  no",
        "shared       detail        coordinator yes yes",
        "shared       detail        gemeente   no  no",
        "shared       aggregateOnly coordinator no  no",
        "shared       detailByType  recipient  yes yes",
        "shared       detailByType  other      yes yes",
        "shared       detailByType  gemeente   no  no",
        "shared       detailByType  anonymous  no  no",
        "confidential none          owner      yes yes",
        "confidential none          recipient  no  no",
        "confidential none          anonymous  no  no",
        "confidential detail        owner      yes yes",
        // Confidential records open in detail only to organisations an active detail agreement names by code.
        "confidential detail        recipient  yes yes",
        "confidential detail        coordinator yes yes",
        "confidential detail        other      no  no",
        "confidential detail        gemeente   no  no",
        "confidential detail        anonymous  no  no",
        "confidential aggregateOnly recipient  no  no",
        "confidential aggregateOnly other      no  no",
        "confidential expired       recipient  no  no",
        "confidential revoked       recipient  no  no",
        // … never through an organisation-type recipient ("all provinces"), not even the type's named members.
        "confidential detailByType  recipient  no  no",
        "confidential detailByType  other      no  no",
        "confidential detailByType  gemeente   no  no",
    ];

    public static readonly string[] Endpoints = ["get", "list", "versions", "graphqlGet", "graphqlList"];

    public static TheoryData<string, string> Setups()
    {
        var data = new TheoryData<string, string>();
        foreach (var (v, a) in Matrix.Select(Parse).Select(r => (r.Visibility, r.Agreement)).Distinct()) data.Add(v, a);
        return data;
    }

    private static (string Visibility, string Agreement, string Caller, bool Sees, bool Sensitive) Parse(string row)
    {
        var p = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (p[0], p[1], p[2], p[3] == "yes", p[4] == "yes");
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Every_cell_of_the_matrix_holds_on_every_endpoint(string visibility, string agreement)
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var ext = Id();
        var feature = Point(ext, 5.09, 52.03, p =>
        {
            p["visibility"] = visibility;
            p["energy"] = new JsonArray(new JsonObject { ["year"] = 2030, ["carrier"] = "electricity", ["peakOfftakeMw"] = 7.5 });
        });
        var created = await owner.PostAsync("/api/v1/developments", Http.GeoJson(feature));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Body())["id"]!.GetValue<string>();
        await MakeAgreement(owner, agreement, id);

        foreach (var (_, _, callerKind, sees, sensitive) in Matrix.Select(Parse).Where(r => r.Visibility == visibility && r.Agreement == agreement))
        {
            var client = callerKind switch
            {
                "owner" => owner,
                "recipient" => hub.Client(Recipient, "Reader"),
                "coordinator" => hub.Client(Recipient, "ProgrammeCoordinator", "Submitter"),
                "other" => hub.Client(Other, "Reader"),
                "gemeente" => hub.Client("GM0344", "Reader"),
                _ => hub.Client(),
            };
            foreach (var endpoint in Endpoints)
            {
                var cell = $"{visibility} × {agreement} × {callerKind} × {endpoint}";
                var shown = await Fetch(client, endpoint, id, ext);
                Assert.True(sees == (shown is not null), $"{cell}: expected {(sees ? "visible" : "hidden")}");
                if (shown is null) continue;
                var props = shown["properties"]!;
                var hasContact = props["source"]?["contact"] is not null;
                var hasEnergy = props["energy"]!.AsArray().Count > 0;
                Assert.True(sensitive == hasContact, $"{cell}: contact {(sensitive ? "withheld" : "leaked")}");
                Assert.True(sensitive == hasEnergy, $"{cell}: stated energy {(sensitive ? "withheld" : "leaked")}");
                Assert.True(sensitive == props["withheld"] is null, $"{cell}: withheld marker wrong");
            }
        }
    }

    /// <summary>The record as the endpoint shows it, or null when the endpoint hides it (and hides it the way a missing record is hidden).</summary>
    private static async Task<JsonNode?> Fetch(HttpClient client, string endpoint, string id, string ext)
    {
        switch (endpoint)
        {
            case "get":
            {
                var r = await client.GetAsync($"/api/v1/developments/{id}");
                if (r.StatusCode == HttpStatusCode.NotFound) { await AssertLikeMissing(r, id); return null; }
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                return await r.Body();
            }
            case "list":
            {
                var body = await (await client.GetAsync($"/api/v1/developments?externalId={ext}&owner={Owner}")).Body();
                var count = body["numberMatched"]!.GetValue<int>();
                Assert.Equal(count, body["features"]!.AsArray().Count); // never a count that betrays a hidden record
                return count == 0 ? null : body["features"]![0];
            }
            case "graphqlGet":
            case "graphqlList":
            {
                const string Fields = "id withheld energy { year carrier peakOfftakeMw } source { contact { name email phone } }";
                var query = endpoint == "graphqlGet" ? $$"""{ d: development(id: "{{id}}") { {{Fields}} } }"""
                    : $$"""{ l: developments(externalId: "{{ext}}", owner: "{{Owner}}") { totalCount nodes { {{Fields}} } } }""";
                var r = await client.PostAsync("/api/v1/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
                var answer = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
                Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
                JsonNode? node;
                if (endpoint == "graphqlGet") node = answer["data"]!["d"];
                else
                {
                    var l = answer["data"]!["l"]!;
                    Assert.Equal(l["totalCount"]!.GetValue<int>(), l["nodes"]!.AsArray().Count); // never a count that betrays a hidden record
                    node = l["nodes"]!.AsArray().FirstOrDefault();
                }
                if (node is null) return null;
                // Shaped as REST's properties, so the same assertions hold: contact present only with detail access.
                var props = JsonNode.Parse(node.ToJsonString())!.AsObject();
                if (props["source"]?["contact"] is JsonObject contact && contact.All(kv => kv.Value is null)) props["source"]!.AsObject().Remove("contact");
                if (props["withheld"] is null) props.Remove("withheld");
                return new JsonObject { ["properties"] = props };
            }
            default:
            {
                var r = await client.GetAsync($"/api/v1/developments/{id}/versions");
                if (r.StatusCode == HttpStatusCode.NotFound) { await AssertLikeMissing(r, id); return null; }
                return (await r.Body())["features"]![0];
            }
        }
    }

    /// <summary>A hidden record's 404 has the same shape as a missing one's: only the id differs.</summary>
    private static async Task AssertLikeMissing(HttpResponseMessage hidden, string id)
    {
        var body = (await hidden.Content.ReadAsStringAsync()).Replace(id, "ID");
        var missingId = Guid.NewGuid().ToString();
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("belongs", body);
        Assert.DoesNotContain("visib", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":404", body);
        _ = missingId;
    }

    private async Task MakeAgreement(HttpClient owner, string state, string recordId)
    {
        if (state == "none") return;
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(state == "detailByType"
                ? new JsonObject { ["organisationType"] = "provincie" }
                : new JsonObject { ["organisation"] = Recipient }),
            ["scope"] = new JsonObject { ["records"] = new JsonArray(recordId) },
            ["level"] = state == "aggregateOnly" ? "aggregateOnly" : "detail",
            ["purpose"] = "pMIEK 2027",
            ["validFrom"] = state == "expired" ? "2020-01-01" : "2026-01-01",
            ["validTo"] = state == "expired" ? "2021-12-31" : "2030-12-31",
            ["status"] = "active",
        };
        var created = await owner.PostAsync("/api/v1/sharing-agreements", new StringContent(agreement.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        if (state == "revoked")
        {
            var id = (await created.Body())["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.NoContent, (await owner.Send(HttpMethod.Delete, $"/api/v1/sharing-agreements/{id}", null, "\"1\"")).StatusCode);
        }
    }

    [Fact]
    public async Task A_hidden_record_and_a_missing_one_answer_alike()
    {
        var owner = hub.Client(Owner, "Submitter");
        var id = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), props: p => p["visibility"] = "confidential")))).Body())["id"]!.GetValue<string>();
        var missing = Guid.NewGuid().ToString();
        var other = hub.Client(Other, "Reader");
        foreach (var suffix in new[] { "", "/versions" })
        {
            var a = await other.GetAsync($"/api/v1/developments/{id}{suffix}");
            var b = await other.GetAsync($"/api/v1/developments/{missing}{suffix}");
            Assert.Equal(b.StatusCode, a.StatusCode);
            Assert.Equal((await b.Content.ReadAsStringAsync()).Replace(missing, "ID"), (await a.Content.ReadAsStringAsync()).Replace(id, "ID"));
        }
    }
}

public sealed class AccessMatrixOnSqlite(SqliteHub hub) : AccessMatrixTests(hub), IClassFixture<SqliteHub>;

public sealed class AccessMatrixOnPostgis(PostgresHub hub) : AccessMatrixTests(hub), IClassFixture<PostgresHub>;

/// <summary>
/// The pMIEK's access matrix, by organisation type and role, over every surface that shows a project: who reads a
/// province's projects (with the reasons of the ones not included) and who may write what. Written out by hand.
/// </summary>
public abstract class MiekAccessMatrixTests(Hub hub)
{
    /// <summary>caller (organisation, roles) → reads PV26's pMIEK.</summary>
    public static readonly string[] Readers =
    [
        "PV26     Reader            yes",  // the province itself
        "PV27     Reader            no",   // another province
        "GM0344   Reader            yes",  // a municipality in the province
        "GM0202   Reader            no",   // a municipality elsewhere
        "ES14     Reader            yes",  // the RES region (U16) in the province
        "STEDIN   Reader            yes",  // grid operators read every province's
        "KGG      NationalIngest    yes",  // the ministry reads all
        "CLUSTER6 Reader            no",   // a sector party
        "-        -                 no",   // anonymous
    ];

    public static readonly string[] Surfaces = ["get", "list", "geojson", "csv", "fiche", "ficheHtml", "assessment", "progress", "overview", "feed", "cycleChanges", "progressReport",
        "graphqlGet", "graphqlList", "graphqlFiche", "graphqlOverview", "graphqlFeed", "graphqlCycleChanges"];

    /// <summary>caller (organisation, roles) → may: update the project, decide, score A, score C, report progress.</summary>
    public static readonly string[] Writers =
    [
        "PV26   ProgrammeCoordinator  update decide scoreA progress",
        "PV26   Reader                -",
        "PV27   ProgrammeCoordinator  -",
        "STEDIN Submitter             scoreC progress",  // a party to the project
        "ENEXIS Submitter             -",                // a grid operator that is not
        "GM0344 Submitter             -",
        "KGG    NationalIngest        -",
    ];

    private HttpClient Client(string organisation, string roles) => organisation == "-" ? hub.Client() : hub.Client(organisation, roles.Split(','));

    /// <summary>A GraphQL operation's data (it must answer without errors: a hidden record is null or absent, not an error).</summary>
    private static Task<JsonNode> Graph(HttpClient client, string query, JsonObject? variables = null) => client.GraphQLDataAsync(query, variables);

    /// <summary>The HTTP status REST gives for the same write, as the mutation reports it.</summary>
    private static async Task<HttpStatusCode> Mutate(HttpClient client, string mutation, JsonObject variables) =>
        (HttpStatusCode)(await Graph(client, mutation, variables)).AsObject().Single().Value!["status"]!.GetValue<int>();

    [Fact]
    public async Task Every_caller_reads_the_pMIEK_on_every_surface_as_the_matrix_says_and_writes_only_what_it_may()
    {
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var previous = await hub.CycleAsync("PV26", 2025, code: "m-2025", name: "pMIEK 2.0");
        var next = await hub.CycleAsync("PV26", 2027, code: "m-2027", name: "pMIEK 3.0");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{previous}/baseline", null, "\"1\"")).StatusCode);
        string Project(string code) => $$"""
            {"cycle":"{{previous}}","code":"{{code}}","name":"Project {{code}}","infrastructureType":"hvStationExpansion","carrier":"electricity","projectType":"concrete",
             "parties":[{"organisation":"STEDIN","role":"uitvoerder"}]}
            """;
        var included = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json(Project("included")))).Body())["id"]!.GetValue<string>();
        var rejected = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json(Project("rejected")))).Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{included}/decision", Json("""{"decision":"included","reason":"Nodig."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{rejected}/decision", Json("""{"decision":"notIncluded","reason":"Netbeheerder lost het zelf op."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync($"/api/v1/miek-projects/{included}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}"""))).StatusCode);

        foreach (var row in Readers)
        {
            var p = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (client, reads) = (Client(p[0], p[1]), p[2] == "yes");
            foreach (var surface in Surfaces)
            {
                var shown = await ShowsAsync(client, surface, included, previous, next);
                Assert.True(reads == shown, $"{p[0]} × {surface}: expected {(reads ? "visible" : "hidden")}");
            }
            // The project not included stays visible, with its reason, to exactly the same callers.
            var list = await (await client.GetAsync($"/api/v1/miek-projects?cycle={previous}")).Body();
            var r = list["items"]!.AsArray().SingleOrDefault(x => x!["id"]!.GetValue<string>() == rejected);
            Assert.True(reads == (r is not null), $"{p[0]} × notIncluded project");
            if (r is not null) Assert.Equal(("notIncluded", "Netbeheerder lost het zelf op."), (r["decision"]!.GetValue<string>(), r["decisionReason"]!.GetValue<string>()));
        }

        foreach (var row in Writers)
        {
            var p = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var client = Client(p[0], p[1]);
            var may = p[2..].ToHashSet();
            async Task<string> Version() => $"\"{(await (await coordinator.GetAsync($"/api/v1/miek-projects/{included}")).Body())["version"]!.GetValue<int>()}\"";
            async Task<string> DecisionVersion() =>
                $"\"{(await (await coordinator.GetAsync($"/api/v1/miek-projects/{included}/assessment")).Body())["decision"]!["version"]!.GetValue<int>()}\"";
            JsonObject With(string input, string? ifMatch = null)
            {
                var v = new JsonObject { ["id"] = included, ["i"] = JsonNode.Parse(input) };
                if (ifMatch is not null) v["e"] = ifMatch;
                return v;
            }
            const string Decide = """{"decision":"included","reason":"Nog steeds nodig."}""", ScoreA = """{"score":"high","rationale":"r"}""",
                ScoreC = """{"score":"much","rationale":"r"}""", Progress = """{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}""";
            // Each write over REST and over GraphQL: the same decision on both surfaces.
            var attempts = new (string Action, Func<Task<HttpStatusCode>> OverRest, Func<Task<HttpStatusCode>> OverGraphQL)[]
            {
                ("update", async () => (await client.Send(HttpMethod.Put, $"/api/v1/miek-projects/{included}", Json(Project("included")), await Version())).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!, $e: String) { updateMiekProject(id: $id, input: $i, ifMatch: $e) { status } }",
                        With(Project("included"), await Version()))),
                ("decide", async () => (await client.Send(HttpMethod.Put, $"/api/v1/miek-projects/{included}/decision", Json(Decide), await DecisionVersion())).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!, $e: String) { decideMiekProject(id: $id, input: $i, ifMatch: $e) { status } }",
                        With(Decide, await DecisionVersion()))),
                ("scoreA", async () => (await client.Send(HttpMethod.Put, $"/api/v1/miek-projects/{included}/scores/A", Json(ScoreA), "*")).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!, $e: String) { scoreMiekProject(id: $id, criterion: \"A\", input: $i, ifMatch: $e) { status } }",
                        With(ScoreA, "*"))),
                ("scoreC", async () => (await client.Send(HttpMethod.Put, $"/api/v1/miek-projects/{included}/scores/C", Json(ScoreC), "*")).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!, $e: String) { scoreMiekProject(id: $id, criterion: \"C\", input: $i, ifMatch: $e) { status } }",
                        With(ScoreC, "*"))),
                ("progress", async () => (await client.PostAsync($"/api/v1/miek-projects/{included}/progress-updates", Json(Progress))).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!) { createMiekProgressUpdate(id: $id, input: $i) { status } }", With(Progress))),
            };
            foreach (var (action, rest, graph) in attempts)
                foreach (var (surface, call) in new[] { ("REST", rest), ("GraphQL", graph) })
                {
                    var status = await call();
                    var allowed = status is HttpStatusCode.OK or HttpStatusCode.Created;
                    Assert.True(may.Contains(action) == allowed, $"{p[0]} {p[1]} × {action} over {surface}: {(int)status}");
                    if (!allowed) Assert.Contains(status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
                }
        }
    }

    /// <summary>Whether the surface shows the project (a hidden one answers like a missing one: 404, or absent from the list).</summary>
    private static async Task<bool> ShowsAsync(HttpClient client, string surface, string id, string cycle, string next)
    {
        async Task<bool> Found(string url)
        {
            var r = await client.GetAsync(url);
            if (r.StatusCode == HttpStatusCode.NotFound) return false;
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return true;
        }
        async Task<string> Text(string url) => await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        return surface switch
        {
            "get" => await Found($"/api/v1/miek-projects/{id}"),
            "fiche" => await Found($"/api/v1/miek-projects/{id}/fiche"),
            "ficheHtml" => await Found($"/api/v1/miek-projects/{id}/fiche?f=html"),
            "assessment" => await Found($"/api/v1/miek-projects/{id}/assessment"),
            "progress" => await Found($"/api/v1/miek-projects/{id}/progress-updates"),
            "list" => (await Text($"/api/v1/miek-projects?cycle={cycle}")).Contains(id),
            "geojson" => (await Text($"/api/v1/miek-projects?cycle={cycle}&f=geojson")).Contains(id),
            "csv" => (await Text($"/api/v1/miek-projects?cycle={cycle}&f=csv")).Contains(id),
            "overview" => (await (await client.GetAsync($"/api/v1/miek-overview?cycle={cycle}")).Body())["total"]!["projects"]!.GetValue<int>() > 0,
            "feed" => (await Text("/api/v1/changes?limit=1000")).Contains(id),
            "cycleChanges" => (await Text($"/api/v1/programme-cycles/{cycle}/changes?resourceType=miekProject&limit=10000")).Contains(id),
            "progressReport" => (await Text($"/api/v1/programme-cycles/{next}/progress-report?date=2026-09-01")).Contains(id),
            "graphqlGet" => (await Graph(client, $$"""{ miekProject(id: "{{id}}") { id decision } }"""))["miekProject"] is not null,
            "graphqlList" => (await Graph(client, $$"""{ miekProjects(cycle: "{{cycle}}", first: 500) { totalCount nodes { id } } }""")).ToJsonString().Contains(id),
            "graphqlFiche" => (await Graph(client, $$"""{ miekProjectFiche(id: "{{id}}") { project { id } } }"""))["miekProjectFiche"] is not null,
            "graphqlOverview" => (await Graph(client, $$"""{ miekOverview(cycle: "{{cycle}}") { total { projects } } }"""))["miekOverview"]!["total"]!["projects"]!.GetValue<int>() > 0,
            "graphqlFeed" => (await Graph(client, "{ changes(limit: 1000) { events { id } } }")).ToJsonString().Contains(id),
            _ => (await Graph(client, $$"""{ programmeCycleChanges(id: "{{cycle}}", resourceType: "miekProject", limit: 10000) { items { id } } }""")).ToJsonString().Contains(id),
        };
    }
}

public sealed class MiekAccessMatrixOnSqlite(SqliteHub hub) : MiekAccessMatrixTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekAccessMatrixOnPostgis(PostgresHub hub) : MiekAccessMatrixTests(hub), IClassFixture<PostgresHub>;
