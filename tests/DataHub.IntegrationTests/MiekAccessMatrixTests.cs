namespace DataHub.IntegrationTests;

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

    /// <summary>The included project's code (unique: each test makes its own programme in the class's hub).</summary>
    private readonly string _includedCode = $"included-{Features.Id()}";

    private HttpClient Coordinator => hub.Client("PV26", "ProgrammeCoordinator");

    private static string ProjectJson(string cycle, string code) => $$"""
        {"cycle":"{{cycle}}","code":"{{code}}","name":"Project {{code}}","infrastructureType":"hvStationExpansion","carrier":"electricity","projectType":"concrete",
         "parties":[{"organisation":"STEDIN","role":"uitvoerder"}]}
        """;

    /// <summary>
    /// PV26's programme: a previous cycle with its baseline frozen and a next one; in the previous cycle a project
    /// included (with a progress update) and one not included, with its reason.
    /// </summary>
    private async Task<(string Previous, string Next, string Included, string Rejected)> ProgrammeAsync()
    {
        var coordinator = Coordinator;
        var previous = await hub.CycleAsync("PV26", 2025, name: "pMIEK 2.0");
        var next = await hub.CycleAsync("PV26", 2027, name: "pMIEK 3.0");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.Send(HttpMethod.Post, $"/api/v1/programme-cycles/{previous}/baseline", null, "\"1\"")).StatusCode);
        var included = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json(ProjectJson(previous, _includedCode)))).Body())["id"]!.GetValue<string>();
        var rejected = (await (await coordinator.PostAsync("/api/v1/miek-projects", Json(ProjectJson(previous, $"rejected-{Features.Id()}")))).Body())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{included}/decision", Json("""{"decision":"included","reason":"Nodig."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsync($"/api/v1/miek-projects/{rejected}/decision", Json("""{"decision":"notIncluded","reason":"Netbeheerder lost het zelf op."}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsync($"/api/v1/miek-projects/{included}/progress-updates",
            Json("""{"asOfDate":"2026-06-30","phase":"planning","schedule":"onSchedule"}"""))).StatusCode);
        return (previous, next, included, rejected);
    }

    [Fact]
    public async Task Every_caller_reads_the_pMIEK_on_every_surface_as_the_matrix_says()
    {
        var (previous, next, included, rejected) = await ProgrammeAsync();
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
    }

    [Fact]
    public async Task Every_caller_writes_only_what_the_matrix_says_over_REST_and_GraphQL_alike()
    {
        var (previous, _, included, _) = await ProgrammeAsync();
        var coordinator = Coordinator;
        string Project(string code) => ProjectJson(previous, code);
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
                ("update", async () => (await client.Send(HttpMethod.Put, $"/api/v1/miek-projects/{included}", Json(Project(_includedCode)), await Version())).StatusCode,
                    async () => await Mutate(client, "mutation($id: String!, $i: JSON!, $e: String) { updateMiekProject(id: $id, input: $i, ifMatch: $e) { status } }",
                        With(Project(_includedCode), await Version()))),
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
