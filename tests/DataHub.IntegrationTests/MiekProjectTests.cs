using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DataHub.IntegrationTests.Infrastructure;
using static DataHub.IntegrationTests.Infrastructure.Features;

namespace DataHub.IntegrationTests;

/// <summary>(p)MIEK projects over HTTP on both databases: the fiche, who writes, who reads, versions, the change feed.</summary>
public abstract class MiekProjectTests(Hub hub)
{
    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<string> CycleOf(string province)
    {
        var body = new JsonObject { ["code"] = $"pmiek-{Id()}", ["name"] = "pMIEK 3.0", ["year"] = 2027, ["scope"] = province };
        return (await (await hub.Client(province, "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles", Json(body))).Body())["id"]!.GetValue<string>();
    }

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
        var cycle = await CycleOf("PV26");
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
        var cycle = await CycleOf("PV26");
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
        var national = (await (await hub.Client("KGG", "ProgrammeCoordinator").PostAsync("/api/v1/programme-cycles",
            Json(new JsonObject { ["code"] = $"miek-{Id()}", ["name"] = "MIEK", ["year"] = 2027, ["scope"] = "national" }))).Body())["id"]!.GetValue<string>();
        var toNational = await (await coordinator.PostAsync("/api/v1/miek-projects", Json(Project(national, "nat")))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/cycle", toNational.Errors().Single()["pointer"]!.GetValue<string>());
        Assert.Equal(before, (await (await coordinator.GetAsync($"/api/v1/miek-projects?cycle={cycle}")).Body())["numberReturned"]!.GetValue<int>());
    }
}

public sealed class MiekProjectOnSqlite(SqliteHub hub) : MiekProjectTests(hub), IClassFixture<SqliteHub>;

public sealed class MiekProjectOnPostgis(PostgresHub hub) : MiekProjectTests(hub), IClassFixture<PostgresHub>;
