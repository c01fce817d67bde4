namespace DataHub.IntegrationTests;

/// <summary>Source plans (versioned, If-Match) and the CBS areas, on SQLite and on PostGIS.</summary>
public abstract class PlanAndAreaTests(Hub hub)
{
    private static JsonObject Plan(string code, string status = "draft") => new()
    {
        ["code"] = code, ["name"] = $"Transitievisie Warmte {code}", ["planType"] = "TVW", ["status"] = status, ["periodStart"] = 2022, ["periodEnd"] = 2030,
    };

    [Fact]
    public async Task A_plan_is_created_versioned_on_change_and_guarded_by_its_etag()
    {
        const string owner = "GM0736"; // De Ronde Venen
        var client = hub.Client(owner);
        var code = "tvw-" + Features.Id();
        var created = await client.PostAsync("/api/v1/plans", Json(Plan(code)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = (await created.Body())["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/plans/{id}", created.Headers.Location?.OriginalString);

        await (await client.PostAsync("/api/v1/plans", Json(Plan(code)))).Problem(HttpStatusCode.Conflict);
        await (await client.Send(HttpMethod.Put, $"/api/v1/plans/{id}", Json(Plan(code, "adopted")))).Problem(HttpStatusCode.PreconditionRequired);
        await (await client.Send(HttpMethod.Put, $"/api/v1/plans/{id}", Json(Plan(code, "adopted")), "\"9\"")).Problem(HttpStatusCode.PreconditionFailed);
        var updated = await client.Send(HttpMethod.Put, $"/api/v1/plans/{id}", Json(Plan(code, "adopted")), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.Body();
        Assert.Equal("adopted", body["status"]!.GetValue<string>());
        Assert.Equal(2, body["recordVersion"]!.GetValue<int>());
        await (await client.Send(HttpMethod.Put, $"/api/v1/plans/{id}", Json(Plan("other-code", "adopted")), "\"2\"")).Problem(HttpStatusCode.BadRequest);

        var list = await (await client.GetAsync($"/api/v1/plans?owner={owner}")).Body();
        var only = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("adopted", only!["status"]!.GetValue<string>());
        await (await hub.Client("GM0344").Send(HttpMethod.Put, $"/api/v1/plans/{id}", Json(Plan(code)), "\"2\"")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_plan_lists_every_error_and_stores_nothing()
    {
        var before = await StoreCounts.Of(hub);
        var bad = new JsonObject { ["code"] = "has spaces", ["planType"] = "XYZ", ["status"] = "done", ["periodStart"] = 2040, ["periodEnd"] = 2030, ["owner"] = "GM0344" };
        var problem = await (await hub.Client("GM0736").PostAsync("/api/v1/plans", Json(bad))).Problem(HttpStatusCode.BadRequest);
        var pointers = problem.Errors().Select(e => e["pointer"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "/code", "/name", "/planType", "/status", "/periodEnd", "/owner" }, pointers);
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Areas_are_served_with_boundaries_in_the_requested_CRS()
    {
        var client = hub.Client();
        var provinces = await (await client.GetAsync("/api/v1/areas?kind=province&withGeometry=false")).Body();
        Assert.Equal(12, provinces["numberReturned"]!.GetValue<int>());
        var rd = await client.GetAsync("/api/v1/areas/PV26?crs=EPSG:28992");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/28992>", rd.Headers.GetValues("Content-Crs").Single());
        var geometry = (await rd.Body())["geometry"]!;
        // The first position of the first ring (Polygon) or of the first polygon (MultiPolygon).
        var node = geometry["coordinates"]!;
        while (node[0] is JsonArray) node = node[0]!;
        Assert.InRange(node[0]!.GetValue<double>(), 100_000, 180_000);
        Assert.InRange(node[1]!.GetValue<double>(), 420_000, 500_000);
    }
}

public sealed class PlanAndAreaOnSqlite(SqliteHub hub) : PlanAndAreaTests(hub), IClassFixture<SqliteHub>;

public sealed class PlanAndAreaOnPostgis(PostgresHub hub) : PlanAndAreaTests(hub), IClassFixture<PostgresHub>;
