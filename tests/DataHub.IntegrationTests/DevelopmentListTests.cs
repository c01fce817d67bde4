namespace DataHub.IntegrationTests;

/// <summary>GET /developments: filters, bbox in two CRSs, paging, asOf. Runs on SQLite and on PostGIS.</summary>
public abstract class DevelopmentListTests(Hub hub)
{
    private async Task<string> Submit(HttpClient client, JsonObject feature)
    {
        var response = await client.PostAsync("/api/v1/developments", Http.GeoJson(feature));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body())["id"]!.GetValue<string>();
    }

    private static async Task<List<string>> ExternalIds(HttpClient client, string query)
    {
        var body = await (await client.GetAsync($"/api/v1/developments?{query}")).Body();
        var ids = body["features"]!.AsArray().Select(f => f!["properties"]!["externalId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, body["numberReturned"]!.GetValue<int>());
        return ids;
    }

    [Fact]
    public async Task Filters_select_by_area_plan_type_sector_certainty_kind_and_years()
    {
        const string owner = "GM0356"; // Nieuwegein
        var client = hub.Client(owner);
        var a = Id(); var b = Id(); var c = Id();
        await Submit(client, Point(a, 5.09, 52.03));
        await Submit(client, Point(b, 5.09, 52.02, p =>
        {
            p["planType"] = "RAL"; p["sector"] = "mobility"; p["kind"] = "chargingHub"; p["certainty"] = "planned";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2034, ["value"] = 20, ["unit"] = "chargingPoints" });
            p["decommissioningYear"] = 2038;
        }));
        await Submit(client, Point(c, 4.48, 51.92)); // Rotterdam: another municipality and province

        var mine = $"owner={owner}";
        Assert.Equal([a, b, c], await ExternalIds(client, mine));
        Assert.Equal([a, b], await ExternalIds(client, $"{mine}&municipality=GM0356"));
        Assert.Equal([a, b], await ExternalIds(client, $"{mine}&province=PV26"));
        Assert.Equal([c], await ExternalIds(client, $"{mine}&province=PV28"));
        Assert.Equal([b], await ExternalIds(client, $"{mine}&planType=RAL"));
        Assert.Equal([a, c], await ExternalIds(client, $"{mine}&sector=housing"));
        Assert.Equal([b], await ExternalIds(client, $"{mine}&kind=chargingHub"));
        Assert.Equal([a, b, c], await ExternalIds(client, $"{mine}&certainty=permitted,planned"));
        Assert.Equal([b], await ExternalIds(client, $"{mine}&certainty=planned"));
        Assert.Equal([a, c], await ExternalIds(client, $"{mine}&activeInYear=2028"));
        Assert.Equal([a, b, c], await ExternalIds(client, $"{mine}&activeInYear=2036"));
        Assert.Equal([a, c], await ExternalIds(client, $"{mine}&activeInYear=2039"));
        Assert.Equal([a, c], await ExternalIds(client, $"{mine}&fromYear=2025&toYear=2030"));
        var res = (await (await client.GetAsync($"/api/v1/developments?externalId={a}")).Body())["features"]![0]!["properties"]!["resRegionCode"]!.GetValue<string>();
        Assert.Equal([a, b], await ExternalIds(client, $"{mine}&resRegion={res}"));
    }

    [Fact]
    public async Task Bbox_selects_exactly_the_geometries_it_intersects_in_CRS84_and_in_RD_New()
    {
        const string owner = "GM0307"; // Amersfoort
        var client = hub.Client(owner);
        var inside = Id(); var outside = Id(); var diagonal = Id(); var crossing = Id();
        await Submit(client, Point(inside, 5.390, 52.155));
        await Submit(client, Point(outside, 5.420, 52.180));
        // A line whose bounding box overlaps the query box but which itself passes beside it.
        await Submit(client, Feature(diagonal, new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(new JsonArray(5.395, 52.165), new JsonArray(5.415, 52.150)) }));
        // A polygon that covers the box's corner.
        await Submit(client, Square(crossing, 5.400, 52.150, 0.003));

        var box = "bbox=5.380,52.145,5.400,52.160";
        Assert.Equal([inside, crossing], await ExternalIds(client, $"owner={owner}&{box}"));

        var (minX, minY) = DataHub.Api.Spatial.CrsTransform.FromCrs84(DataHub.Api.Spatial.Crs.RdNew, 5.380, 52.145);
        var (maxX, maxY) = DataHub.Api.Spatial.CrsTransform.FromCrs84(DataHub.Api.Spatial.Crs.RdNew, 5.400, 52.160);
        var rdBox = $"bbox={F(minX)},{F(minY)},{F(maxX)},{F(maxY)}&bboxCrs=http://www.opengis.net/def/crs/EPSG/0/28992";
        Assert.Equal([inside, crossing], await ExternalIds(client, $"owner={owner}&{rdBox}"));
    }

    [Fact]
    public async Task Paging_follows_next_links_through_every_match_once()
    {
        const string owner = "GM0321"; // Houten
        var client = hub.Client(owner);
        var all = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var ext = $"p{i}-{Id()}";
            all.Add(ext);
            await Submit(client, Point(ext, 5.17 + i * 0.001, 52.03));
        }
        var seen = new List<string>();
        var url = $"/api/v1/developments?owner={owner}&limit=3";
        var pages = 0;
        while (url is not null)
        {
            var body = await (await client.GetAsync(url)).Body();
            Assert.Equal(7, body["numberMatched"]!.GetValue<int>());
            seen.AddRange(body["features"]!.AsArray().Select(f => f!["properties"]!["externalId"]!.GetValue<string>()));
            url = body["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]?.GetValue<string>();
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task Sorted_by_name_or_last_change_pages_follow_the_order_and_a_record_changed_while_paging_moves_to_the_front()
    {
        var client = hub.Client("GM0344", "Submitter");
        // Names of letters only, capitalised alike: ordinal order and the databases' collations agree on them.
        string[] names = ["Kievit", "Aalscholver", "Reiger", "Grutto", "Merel", "Buizerd", "Zwaluw"];
        var exts = new List<string>();
        foreach (var name in names)
        {
            var ext = $"s-{Id()}";
            exts.Add(ext);
            await Submit(client, Point(ext, 5.17, 52.03, p => p["name"] = name));
        }
        var only = $"owner=GM0344&externalId={string.Join(",", exts)}";
        async Task<List<string>> Names(string query) => [.. (await (await client.GetAsync($"/api/v1/developments?{only}&{query}")).Body())["features"]!.AsArray()
            .Select(f => f!["properties"]!["name"]!.GetValue<string>())];
        Assert.Equal(names.Order(StringComparer.Ordinal), await Names("sort=name"));
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), await Names("sort=-name"));
        Assert.Equal(names, await Names("sort=updatedAt"));
        Assert.Equal(names.Reverse(), await Names("sort=-updatedAt"));
        Assert.Equal(names.Reverse(), await Names("sort=-seq"));

        // Paged three at a time by last change, newest first; between the pages one record of the first page changes
        // (so it becomes the newest) and one of the later ones too: no record is skipped or shown twice.
        var seen = new List<string>();
        var url = $"/api/v1/developments?{only}&sort=-updatedAt&limit=3";
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < 5);
            var body = await (await client.GetAsync(url)).Body();
            seen.AddRange(body["features"]!.AsArray().Select(f => f!["properties"]!["name"]!.GetValue<string>()));
            url = body["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]?.GetValue<string>();
            if (pages == 0)
                foreach (var (ext, name) in new[] { (exts[6], names[6]), (exts[1], names[1]) })
                {
                    var id = (await (await client.GetAsync($"/api/v1/developments?owner=GM0344&externalId={ext}")).Body())["features"]![0]!["id"]!.GetValue<string>();
                    Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Put, $"/api/v1/developments/{id}",
                        Http.GeoJson(Point(ext, 5.18, 52.03, p => p["name"] = name)), "\"1\"")).StatusCode);
                }
        }
        // Zwaluw was on the first page and is not shown again; Aalscholver moved ahead of the cursor (it is now the newest:
        // a new first page, or updatedSince, finds it); every other record once, in order.
        Assert.Equal(["Zwaluw", "Buizerd", "Merel", "Grutto", "Reiger", "Kievit"], seen);
        Assert.Equal(["Aalscholver", "Zwaluw", "Buizerd", "Merel", "Grutto", "Reiger", "Kievit"], await Names("sort=-updatedAt"));

        // By name over GraphQL, two a page, the same order.
        var graphNames = new List<string>();
        string? after = null;
        do
        {
            var afterArg = after is null ? "" : $", after: \"{after}\"";
            var query = $$"""{ developments(owner: "GM0344", externalId: "{{string.Join(",", exts)}}", sort: "name", first: 2{{afterArg}}) { nodes { name } pageInfo { hasNextPage endCursor } } }""";
            var answer = JsonNode.Parse(await (await client.PostAsync("/api/v1/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!["data"]!["developments"]!;
            graphNames.AddRange(answer["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
            after = answer["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? answer["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        Assert.Equal(names.Order(StringComparer.Ordinal), graphNames);
    }

    [Fact]
    public async Task AsOf_shows_the_list_as_it_was()
    {
        const string owner = "GM0589"; // Oudewater
        var (_, _, stamp) = await HistoryAsync(owner);
        var past = await (await hub.Client(owner).GetAsync($"/api/v1/developments?owner={owner}&asOf={stamp}")).Body();
        var only = Assert.Single(past["features"]!.AsArray());
        Assert.Equal("permitted", only!["properties"]!["certainty"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdatedSince_lists_only_what_changed_after_the_moment()
    {
        const string owner = "GM0353"; // IJsselstein
        var client = hub.Client(owner);
        var (first, second, stamp) = await HistoryAsync(owner);
        Assert.Equal([second, first], (await ExternalIds(client, $"owner={owner}&updatedSince={stamp}")).OrderBy(x => x == first).ToList());
        Assert.Equal([first], await ExternalIds(client, $"owner={owner}&certainty=realised"));
    }

    /// <summary>
    /// An owner's history: a first development, a moment (returned, as a query value), a second development, then the
    /// first changed to realised.
    /// </summary>
    private async Task<(string First, string Second, string Stamp)> HistoryAsync(string owner)
    {
        var client = hub.Client(owner);
        var first = Id();
        var firstId = await Submit(client, Point(first, 4.87, 52.02));
        var afterFirst = (await (await client.GetAsync($"/api/v1/developments/{firstId}")).Body())["properties"]!["updatedAt"]!.GetValue<DateTime>();
        await Task.Delay(20);
        var second = Id();
        await Submit(client, Point(second, 4.871, 52.021));
        var changed = await client.Send(HttpMethod.Put, $"/api/v1/developments/{firstId}", Http.GeoJson(Point(first, 4.87, 52.02, p => p["certainty"] = "realised")), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        return (first, second, Uri.EscapeDataString(afterFirst.ToUniversalTime().AddTicks(10).ToString("O")));
    }

    [Fact]
    public async Task The_response_crs_applies_to_every_feature_and_is_reported()
    {
        const string owner = "GM0632"; // Woerden
        var client = hub.Client(owner);
        await Submit(client, Point(Id(), 4.88, 52.085));
        var response = await client.GetAsync($"/api/v1/developments?owner={owner}&crs=EPSG:28992");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/28992>", response.Headers.GetValues("Content-Crs").Single());
        var xy = (await response.Body())["features"]![0]!["geometry"]!["coordinates"]!.AsArray();
        Assert.InRange(xy[0]!.GetValue<double>(), 100_000, 140_000);
        Assert.InRange(xy[1]!.GetValue<double>(), 440_000, 470_000);
    }

    [Theory]
    [InlineData("certainty=maybe", "certainty")]
    [InlineData("planType=RESX", "planType")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=5,53,4,52", "bbox")]
    [InlineData("crs=EPSG:3857", "crs")]
    [InlineData("bboxCrs=EPSG:9999&bbox=1,2,3,4", "bboxCrs")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("activeInYear=1999", "activeInYear")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("fromYear=2030&toYear=2020", "fromYear")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("sort=size", "sort")]
    [InlineData("sort=name&cursor=12", "cursor")]
    public async Task Bad_query_parameters_are_named_in_a_problem(string query, string parameter)
    {
        var problem = await (await hub.Client().GetAsync($"/api/v1/developments?{query}")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e["parameter"]?.GetValue<string>() == parameter);
    }
}

public sealed class DevelopmentListOnSqlite(SqliteHub hub) : DevelopmentListTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentListOnPostgis(PostgresHub hub) : DevelopmentListTests(hub), IClassFixture<PostgresHub>;
