namespace DataHub.IntegrationTests;

/// <summary>
/// Confidential records are shared deliberately: in detail only with organisations a detail agreement names by code,
/// never through an organisation-type recipient; and every agreement answer says what it grants at that moment.
/// </summary>
public abstract class ConfidentialSharingTests(Hub hub)
{
    private const string Owner = "CLUSTER6";

    private static JsonObject Agreement(JsonNode recipient, string level = "detail", string status = "active") => new()
    {
        ["recipients"] = new JsonArray(recipient),
        ["scope"] = new JsonObject { ["planTypes"] = new JsonArray("CES") },
        ["level"] = level, ["purpose"] = "netplanning", ["validFrom"] = "2026-01-01", ["validTo"] = "2030-12-31", ["status"] = status,
    };

    private static (int Shared, int Confidential) Counts(JsonNode grants, string level) =>
        (grants[level]!["shared"]!.GetValue<int>(), grants[level]!["confidential"]!.GetValue<int>());

    private static string[] Warnings(JsonNode grants) => grants["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToArray();

    [Fact]
    public async Task A_detail_agreement_by_code_opens_confidential_records_one_by_type_does_not_and_each_answer_says_what_it_grants()
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var batch = Id();
        foreach (var (ext, visibility) in new[] { ($"{batch}-c1", "confidential"), ($"{batch}-c2", "confidential"), ($"{batch}-s1", "shared") })
        {
            var feature = Point(ext, 4.3, 51.9, p =>
            {
                p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification"; p["assetType"] = "consumer"; p["visibility"] = visibility;
                p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2030, ["value"] = 12, ["unit"] = "MW" });
            });
            Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/developments", Http.GeoJson(feature))).StatusCode);
        }
        async Task<int> Seen(string org) =>
            (await (await hub.Client(org, "Reader").GetAsync($"/api/v1/developments?owner={Owner}&planType=CES&limit=1")).Body())["numberMatched"]!.GetValue<int>();
        Assert.Equal(0, await Seen("STEDIN"));
        Assert.Equal(0, await Seen("PV28"));

        // All provinces, by type: the shared record opens; the confidential ones do not, and the answer says so.
        var byType = await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonObject { ["organisationType"] = "provincie" })));
        Assert.Equal(HttpStatusCode.Created, byType.StatusCode);
        var byTypeGrants = (await byType.Body())["grants"]!;
        Assert.Equal((1, 0), Counts(byTypeGrants, "detail"));
        Assert.Equal((1, 2), Counts(byTypeGrants, "aggregate"));
        Assert.Contains(Warnings(byTypeGrants), w => w.Contains("2 confidential record(s)") && w.Contains("by code"));
        Assert.Equal(1, await Seen("PV28"));

        // Stedin by code: all three, and its read is in the owner's audit trail.
        var byCode = await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonObject { ["organisation"] = "STEDIN" })));
        var byCodeBody = await byCode.Body();
        Assert.Equal((1, 2), Counts(byCodeBody["grants"]!, "detail"));
        Assert.Empty(Warnings(byCodeBody["grants"]!));
        Assert.Equal(3, await Seen("STEDIN"));
        Assert.Equal(1, await Seen("PV28"));
        var trail = await (await owner.GetAsync("/api/v1/audit-events?limit=50")).Body();
        Assert.Contains(trail["items"]!.AsArray(), e => e!["organisation"]?.GetValue<string>() == "STEDIN" && e["action"]!.GetValue<string>() == "read"
            && e["recordCount"]!.GetValue<int>() >= 1);

        // Reading the agreement says the same; turning it into aggregate-only closes the detail view at once.
        var id = byCodeBody["id"]!.GetValue<string>();
        var read = await (await hub.Client("STEDIN", "Reader").GetAsync($"/api/v1/sharing-agreements/{id}")).Body();
        Assert.Equal((1, 2), Counts(read["grants"]!, "detail"));
        var aggregateOnly = Agreement(new JsonObject { ["organisation"] = "STEDIN" }, level: "aggregateOnly");
        var updated = await owner.Send(HttpMethod.Put, $"/api/v1/sharing-agreements/{id}", Json(aggregateOnly), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var updatedGrants = (await updated.Body())["grants"]!;
        Assert.Equal((0, 0), Counts(updatedGrants, "detail"));
        Assert.Equal((1, 2), Counts(updatedGrants, "aggregate"));
        Assert.Equal(0, await Seen("STEDIN"));

        // A draft grants nothing, and says why.
        var draft = await (await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement(new JsonObject { ["organisation"] = "LIANDER" }, status: "draft")))).Body();
        Assert.Equal((0, 0), Counts(draft["grants"]!, "detail"));
        Assert.Contains(Warnings(draft["grants"]!), w => w.Contains("draft"));
        Assert.Equal(0, await Seen("LIANDER"));
    }

    [Fact]
    public async Task Concurrent_reads_are_each_audited_before_they_are_answered()
    {
        const string owner = "GASUNIE";
        var admin = hub.Client(owner, "Submitter", "OrgAdmin");
        var ext = Id();
        var feature = Point(ext, 5.2, 52.1, p => p["visibility"] = "shared");
        var created = await admin.PostAsync("/api/v1/developments", Http.GeoJson(feature));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = "ENEXIS" }), ["scope"] = new JsonObject(),
            ["level"] = "detail", ["purpose"] = "test", ["validFrom"] = "2026-01-01", ["status"] = "active",
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/sharing-agreements", Json(agreement))).StatusCode);
        var reader = hub.Client("ENEXIS", "Reader");
        async Task<int> Events() => (await (await admin.GetAsync("/api/v1/audit-events?limit=1000")).Body())["items"]!.AsArray()
            .Count(e => e!["organisation"]?.GetValue<string>() == "ENEXIS" && e["action"]!.GetValue<string>() == "read");
        var before = await Events();
        // 40 reads at once: each one's event is committed before its answer, so once all have answered all 40 are there.
        var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            var response = await reader.GetAsync($"/api/v1/developments?owner={owner}&externalId={ext}");
            return (await response.Body())["numberMatched"]!.GetValue<int>();
        }));
        Assert.All(reads, n => Assert.Equal(1, n));
        Assert.Equal(before + 40, await Events());
    }
}

public sealed class ConfidentialSharingOnSqlite(SqliteHub hub) : ConfidentialSharingTests(hub), IClassFixture<SqliteHub>;

public sealed class ConfidentialSharingOnPostgis(PostgresHub hub) : ConfidentialSharingTests(hub), IClassFixture<PostgresHub>;

/// <summary>The demo shows the rule: Stedin reads Cluster 6's CES records in detail; the provinces see CES in aggregates only.</summary>
public abstract class DemoSharingTests(Hub hub)
{
    [Fact]
    public async Task Stedin_reads_Cluster_6s_CES_records_in_detail_and_the_province_only_in_aggregates()
    {
        async Task<int> Matched(string org) =>
            (await (await hub.Client(org, "Reader").GetAsync("/api/v1/developments?planType=CES&limit=1")).Body())["numberMatched"]!.GetValue<int>();
        var owned = await Matched("CLUSTER6");
        Assert.True(owned > 0);
        Assert.Equal(owned, await Matched("STEDIN"));
        Assert.Equal(0, await Matched("PV26"));
        Assert.Equal(0, await Matched("GM0344"));

        var cells = await (await hub.Client("PV26", "Reader").GetAsync("/api/v1/development-aggregates?area=PV26&fromYear=2034&toYear=2034&planType=CES")).Body();
        Assert.NotEmpty(cells["cells"]!.AsArray());

        var trail = await (await hub.Client("CLUSTER6", "OrgAdmin").GetAsync("/api/v1/audit-events?limit=100")).Body();
        Assert.Contains(trail["items"]!.AsArray(), e => e!["organisation"]?.GetValue<string>() == "STEDIN" && e["action"]!.GetValue<string>() == "read");

        var agreements = await (await hub.Client("CLUSTER6", "OrgAdmin").GetAsync("/api/v1/sharing-agreements?role=owner")).Body();
        var toStedin = agreements["items"]!.AsArray().Single(a => a!["recipients"]!.AsArray().Any(r => r!["organisation"]?.GetValue<string>() == "STEDIN"));
        var read = await (await hub.Client("CLUSTER6", "OrgAdmin").GetAsync($"/api/v1/sharing-agreements/{toStedin!["id"]!.GetValue<string>()}")).Body();
        Assert.Equal(owned, read["grants"]!["detail"]!["confidential"]!.GetValue<int>() + read["grants"]!["detail"]!["shared"]!.GetValue<int>());
    }
}

public sealed class DemoSqliteHub : Hub
{
    public override Database Database => Database.Sqlite;
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:Demo:Seed"] = "true" };
}

public sealed class DemoPostgresHub : Hub
{
    public override Database Database => Database.Postgres;
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:Demo:Seed"] = "true" };
}

public sealed class DemoSharingOnSqlite(DemoSqliteHub hub) : DemoSharingTests(hub), IClassFixture<DemoSqliteHub>;

public sealed class DemoSharingOnPostgis(DemoPostgresHub hub) : DemoSharingTests(hub), IClassFixture<DemoPostgresHub>;
