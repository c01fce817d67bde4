namespace DataHub.IntegrationTests;

/// <summary>Submitting and reading developments over HTTP, and who may (versions: <see cref="DevelopmentVersionTests"/>). Runs on SQLite and on PostGIS.</summary>
public abstract class DevelopmentApiTests(Hub hub)
{
    private const string Utrecht = "GM0344";

    [Fact]
    public async Task A_future_asOf_is_refused_alike_by_the_list_the_record_and_GraphQL()
    {
        var client = hub.Client("GM0344");
        var id = (await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Body())["id"]!.GetValue<string>();
        var future = DateTime.UtcNow.AddDays(2).ToString("O");
        var list = await (await client.GetAsync($"/api/v1/developments?asOf={Uri.EscapeDataString(future)}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("asOf", list["errors"]![0]!["parameter"]!.GetValue<string>());
        var one = await (await client.GetAsync($"/api/v1/developments/{id}?asOf={Uri.EscapeDataString(future)}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("outOfRange", one["errors"]![0]!["code"]!.GetValue<string>());
        var graph = await client.GraphQLAsync("query($id: ID!, $at: DateTime) { development(id: $id, asOf: $at) { name } }",
            new System.Text.Json.Nodes.JsonObject { ["id"] = id, ["at"] = future });
        Assert.Equal("outOfRange", graph["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // A past moment still answers.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/developments/{id}?asOf={Uri.EscapeDataString(DateTime.UtcNow.ToString("O"))}")).StatusCode);
    }

    [Fact]
    public async Task Create_stores_the_development_with_derived_areas_and_returns_location_and_etag()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        var response = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Body();
        var id = body["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/developments/{id}", response.Headers.Location?.OriginalString);
        var p = body["properties"]!;
        Assert.Equal(ext, p["externalId"]!.GetValue<string>());
        Assert.Equal(Utrecht, p["owner"]!.GetValue<string>());
        Assert.Equal("GM0344", p["municipalityCode"]!.GetValue<string>());
        Assert.Equal("PV26", p["provinceCode"]!.GetValue<string>());
        Assert.StartsWith("ES", p["resRegionCode"]!.GetValue<string>());
        Assert.Equal(1, p["version"]!.GetValue<int>());
        Assert.Equal("public", p["visibility"]!.GetValue<string>());

        var get = await client.GetAsync($"/api/v1/developments/{id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var fetched = await get.Body();
        Assert.Equal(ext, fetched["properties"]!["externalId"]!.GetValue<string>());
        Assert.Equal(300, fetched["properties"]!["quantities"]![1]!["value"]!.GetValue<double>());
        Assert.Equal(340, fetched["properties"]!["quantities"]![1]!["max"]!.GetValue<double>());
        Assert.EndsWith("Z", fetched["properties"]!["createdAt"]!.GetValue<string>());
        Assert.Equal(DataHub.Api.Http.HttpPipeline.ApiVersion, get.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task The_residence_area_of_the_resRegion_is_the_one_the_catalogue_names()
    {
        var client = hub.Client(Utrecht);
        var created = await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Body();
        var res = created["properties"]!["resRegionCode"]!.GetValue<string>();
        var area = await (await client.GetAsync($"/api/v1/areas/{res}?crs=EPSG:28992")).Body();
        Assert.Contains("U16", area["properties"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_in_RD_New_is_stored_in_CRS84_and_can_be_read_back_in_RD_and_ETRS89()
    {
        var client = hub.Client(Utrecht);
        // A point in Utrecht in RD New; 5.12307, 52.09034 in CRS84 by GDAL/PROJ.
        var feature = Feature(Id(), new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(136_898.0, 455_820.0) });
        var response = await client.PostAsync("/api/v1/developments", Http.GeoJson(feature, "http://www.opengis.net/def/crs/EPSG/0/28992"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Body();
        var lonlat = body["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange(lonlat[0]!.GetValue<double>(), 5.12305, 5.12309);
        Assert.InRange(lonlat[1]!.GetValue<double>(), 52.09032, 52.09036);

        var id = body["id"]!.GetValue<string>();
        var rd = await client.GetAsync($"/api/v1/developments/{id}?crs=EPSG:28992");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/28992>", rd.Headers.GetValues("Content-Crs").Single());
        var xy = (await rd.Body())["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange(xy[0]!.GetValue<double>(), 136_897.95, 136_898.05);
        Assert.InRange(xy[1]!.GetValue<double>(), 455_819.95, 455_820.05);

        var etrs = await (await client.GetAsync($"/api/v1/developments/{id}?crs=http://www.opengis.net/def/crs/EPSG/0/4258")).Body();
        var latlon = etrs["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange(latlon[0]!.GetValue<double>(), 52.09032, 52.09036); // EPSG:4258 is latitude first
    }

    [Fact]
    public async Task Posting_an_externalId_twice_is_a_conflict_that_stores_nothing()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext)))).StatusCode);
        var before = await StoreCounts.Of(hub);
        var second = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext)));
        var problem = await second.Problem(HttpStatusCode.Conflict);
        Assert.Contains(ext, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_polygon_across_a_border_takes_the_municipality_of_its_largest_overlap_and_lists_the_other()
    {
        var client = hub.Client(Utrecht);
        // Mostly in Utrecht (GM0344), its east edge over the border into Bunnik (GM0312) near Rhijnauwen.
        var feature = Square(Id(), 5.165, 52.075, 0.01);
        var body = await (await client.PostAsync("/api/v1/developments", Http.GeoJson(feature))).Body();
        var p = body["properties"]!;
        var main = p["municipalityCode"]!.GetValue<string>();
        var others = p["otherMunicipalityCodes"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.NotEmpty(others);
        Assert.DoesNotContain(main, others);
        Assert.Contains("GM0312", others.Append(main));
        Assert.Contains("GM0344", others.Append(main));
    }

    [Fact]
    public async Task An_offshore_point_in_the_North_Sea_has_no_municipality()
    {
        var client = hub.Client("TENNET");
        var feature = Point(Id(), 4.2, 52.9, p => { p["planType"] = "IP"; p["sector"] = "renewableGeneration"; p["kind"] = "windTurbine"; p["assetType"] = "producer"; p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2032, ["value"] = 2000, ["unit"] = "MW" }); });
        var body = await (await client.PostAsync("/api/v1/developments", Http.GeoJson(feature))).Body();
        Assert.Null(body["properties"]!["municipalityCode"]);
        Assert.Null(body["properties"]!["provinceCode"]);
    }

    [Fact]
    public async Task Writing_requires_a_token_and_the_Submitter_role()
    {
        var before = await StoreCounts.Of(hub);
        await (await hub.Client().PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Problem(HttpStatusCode.Unauthorized);
        await (await hub.Client(Utrecht, "Reader").PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Problem(HttpStatusCode.Forbidden);
        var bad = hub.Client();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).StatusCode);
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Others_cannot_see_a_confidential_development_on_any_read_and_cannot_write_it()
    {
        var owner = hub.Client("CLUSTER6");
        var ext = Id();
        var confidential = Point(ext, props: p => { p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification"; });
        var created = await owner.PostAsync("/api/v1/developments", Http.GeoJson(confidential));
        var body = await created.Body();
        Assert.Equal("confidential", body["properties"]!["visibility"]!.GetValue<string>()); // the CES default
        var id = body["id"]!.GetValue<string>();

        var other = hub.Client(Utrecht);
        await (await other.GetAsync($"/api/v1/developments/{id}")).Problem(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/developments/{id}/versions")).Problem(HttpStatusCode.NotFound);
        await (await hub.Client().GetAsync($"/api/v1/developments/{id}")).Problem(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync($"/api/v1/developments?externalId={ext}")).Body();
        Assert.Equal(0, list["numberMatched"]!.GetValue<int>());
        await (await other.Send(HttpMethod.Put, $"/api/v1/developments/{id}", Http.GeoJson(confidential), "\"1\"")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Others_see_a_public_development_but_only_its_owner_may_change_it()
    {
        var owner = hub.Client("CLUSTER6");
        var other = hub.Client(Utrecht);
        var publicOne = await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), props: p => p["visibility"] = "public")))).Body();
        var publicId = publicOne["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/developments/{publicId}")).StatusCode);
        await (await other.Send(HttpMethod.Delete, $"/api/v1/developments/{publicId}", null, "\"1\"")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Investment_plans_are_submitted_by_grid_operators_only()
    {
        JsonObject Ip() => Point(Id(), props: p => { p["planType"] = "IP"; p["sector"] = "other"; p["kind"] = "substationExpansion"; p["assetType"] = "transport";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2029, ["value"] = 80, ["unit"] = "MW" }); });
        var before = await StoreCounts.Of(hub);
        var problem = await (await hub.Client(Utrecht).PostAsync("/api/v1/developments", Http.GeoJson(Ip()))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("notPermitted", problem.Errors().Single()["code"]!.GetValue<string>());
        var import = await (await hub.Client(Utrecht).PostAsync("/api/v1/development-imports", Http.GeoJson(Collection([Point(Id()), Ip()])))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/features/1/properties/planType", import.Errors().Single()["pointer"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("STEDIN").PostAsync("/api/v1/developments", Http.GeoJson(Ip()))).StatusCode);
    }

    [Fact]
    public async Task Owner_cannot_be_assigned_by_the_client()
    {
        var before = await StoreCounts.Of(hub);
        var feature = Point(Id(), props: p => p["owner"] = "LIANDER");
        var problem = await (await hub.Client(Utrecht).PostAsync("/api/v1/developments", Http.GeoJson(feature))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e["pointer"]!.GetValue<string>() == "/properties/owner" && e["code"]!.GetValue<string>() == "readOnly");
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Unknown_ids_and_routes_are_problem_404s()
    {
        var client = hub.Client();
        await (await client.GetAsync($"/api/v1/developments/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/no-such-thing")).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class DevelopmentApiOnSqlite(SqliteHub hub) : DevelopmentApiTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentApiOnPostgis(PostgresHub hub) : DevelopmentApiTests(hub), IClassFixture<PostgresHub>;
