using DataHub.Api.Access;
using static DataHub.IntegrationTests.Infrastructure.Ogc;

namespace DataHub.IntegrationTests;

/// <summary>
/// OGC API – Features Part 3: CQL2 text filters run by the database for developments (SQLite and PostGIS alike) and in
/// memory for the analysis layers, with the same answers, the access policy still applied, and a 400 for what is not
/// supported.
/// </summary>
public abstract class OgcFilterTests(Hub hub)
{
    private const string Owner = "CLUSTER6";

    /// <summary>
    /// Five public developments of one owner: a–d points from west to east along 52.09 (5.11, 5.12, 5.13, 5.14), e a
    /// square around (5.20, 52.09). Their external ids by letter, and the name=value scope that selects these five.
    /// </summary>
    private async Task<(Dictionary<string, string> Ids, string Scope, string Tag)> SeedAsync()
    {
        var tag = Id();
        var client = hub.Client(Owner);
        var ids = new Dictionary<string, string>();
        async Task Submit(string letter, JsonObject feature)
        {
            ids[letter] = feature["properties"]!["externalId"]!.GetValue<string>();
            var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(feature));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        Action<JsonObject> Props(string name, int? from, int? to, string certainty, string planType = "RES") => p =>
        {
            p["name"] = $"{tag} {name}"; p["visibility"] = "public"; p["certainty"] = certainty; p["planType"] = planType;
            if (from is { } f) p["commissioningYear"] = f;
            if (to is { } t) p["decommissioningYear"] = t;
        };
        await Submit("a", Point($"{tag}-a", 5.11, 52.09, Props("Zonnepark Noord", 2027, 2052, "planned")));
        await Submit("b", Point($"{tag}-b", 5.12, 52.09, Props("zonnepark Zuid", 2031, null, "permitted")));
        await Submit("c", Point($"{tag}-c", 5.13, 52.09, Props("Windpark", 2035, 2060, "realised", "CES")));
        await Submit("d", Point($"{tag}-d", 5.14, 52.09, Props("Batterij O'Brien", null, null, "permitted", "CES")));
        await Submit("e", Square($"{tag}-e", 5.20, 52.09, 0.01, Props("Warmtenet", 2029, null, "inProcedure")));
        return (ids, $"owner={Owner}&externalId={string.Join(",", ids.Values)}", tag);
    }

    private static string Letters(IEnumerable<JsonNode> features, Dictionary<string, string> ids) =>
        string.Concat(features.Select(f => ids.Single(i => i.Value == f["properties"]!["externalId"]!.GetValue<string>()).Key).Order());

    [Theory]
    [InlineData("commissioningYear >= 2031", "bc")]
    [InlineData("2031 <= commissioningYear", "bc")]
    [InlineData("commissioningYear BETWEEN 2027 AND 2031", "abe")]
    [InlineData("certainty IN ('planned', 'realised')", "ac")]
    [InlineData("certainty NOT IN ('planned', 'realised')", "bde")]
    [InlineData("commissioningYear IN (2027, 2035, 2040)", "ac")]
    [InlineData("commissioningYear IN (2027.5, 2031)", "b")]
    [InlineData("name LIKE '%Zonnepark%'", "a")] // LIKE minds case on both databases
    [InlineData("name ILIKE '%zonnepark%'", "ab")]
    [InlineData("name LIKE '%O''Brien'", "d")]
    [InlineData("name LIKE '%park _uid'", "b")]
    [InlineData("NOT (decommissioningYear > 2055)", "a")] // an empty year is neither > 2055 nor not
    [InlineData("decommissioningYear IS NULL", "bde")]
    [InlineData("commissioningYear < 2030 OR certainty = 'realised'", "ace")]
    [InlineData("planType = 'CES' AND NOT (commissioningYear = 2035)", "")] // d has no year: unknown, so not kept
    [InlineData("updatedAt > TIMESTAMP('2020-01-01T00:00:00Z')", "abcde")]
    [InlineData("S_INTERSECTS(geometry, BBOX(5.105, 52.0, 5.125, 52.2))", "ab")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((5.125 52.0, 5.25 52.0, 5.25 52.2, 5.125 52.2, 5.125 52.0)))", "cde")]
    [InlineData("S_INTERSECTS(geometry, POINT(5.2 52.09)) OR name LIKE '%Noord'", "ae")]
    [InlineData("S_WITHIN(geometry, POLYGON((5.0 52.0, 5.3 52.0, 5.3 52.2, 5.0 52.2, 5.0 52.0))) AND NOT S_INTERSECTS(geometry, POINT(5.13 52.09))", "abde")]
    [InlineData("S_CONTAINS(geometry, POINT(5.2 52.09))", "e")]
    [InlineData("S_DISJOINT(geometry, BBOX(5.105, 52.0, 5.125, 52.2))", "cde")]
    public async Task A_CQL2_filter_selects_exactly_the_developments_it_describes(string filter, string expected)
    {
        var (ids, scope, _) = await SeedAsync();
        var features = await AllItems(hub.Client(Owner), "developments", $"{scope}&filter={Uri.EscapeDataString(filter)}&limit=2");
        Assert.Equal(expected, Letters(features, ids));
    }

    [Fact]
    public async Task A_geometry_literal_in_RD_New_selects_what_the_same_box_in_CRS84_does()
    {
        var (ids, scope, _) = await SeedAsync();
        // At 52.09° N, a (5.11°) is at x = 136,002 and b (5.12°) at 136,687 in RD New, c (5.13°) at 137,373 (gdaltransform).
        var rd = await AllItems(hub.Client(), "developments",
            $"{scope}&filter-crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/28992")}&filter={Uri.EscapeDataString("S_INTERSECTS(geometry, BBOX(135700, 446000, 137000, 468000))")}");
        Assert.Equal("ab", Letters(rd, ids));
    }

    [Fact]
    public async Task A_CQL2_filter_and_the_REST_filter_with_the_same_meaning_return_the_same_developments()
    {
        var (_, scope, _) = await SeedAsync();
        var client = hub.Client(Owner);
        var ogc = await AllItems(client, "developments", $"{scope}&filter={Uri.EscapeDataString("planType = 'RES' AND S_INTERSECTS(geometry, BBOX(5.105, 52.0, 5.25, 52.2))")}");
        var rest = await (await client.GetAsync($"/api/v1/developments?{scope}&planType=RES&bbox=5.105,52.0,5.25,52.2")).Body();
        Assert.Equal(3, ogc.Count);
        Assert.Equal(rest["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order(), ogc.Select(f => f["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_number_matched_counts_the_filtered_developments_on_every_page()
    {
        var (_, scope, _) = await SeedAsync();
        var first = await Get(hub.Client(), $"{Base}/collections/developments/items?{scope}&limit=1&filter={Uri.EscapeDataString("commissioningYear IS NOT NULL")}", "application/geo+json");
        Assert.Equal(4, first["numberMatched"]!.GetValue<int>());
        Assert.Equal(1, first["numberReturned"]!.GetValue<int>());
        var other = await Get(hub.Client(), $"{Base}/collections/developments/items?{scope}&limit=1&filter={Uri.EscapeDataString("commissioningYear IS NULL")}", "application/geo+json");
        Assert.Equal(1, other["numberMatched"]!.GetValue<int>()); // a kept count is per filter, not per collection
    }

    [Fact]
    public async Task A_filter_never_shows_what_the_caller_may_not_see()
    {
        var (owner, publicOnes, _, confidential, mine) = await hub.OgcSeedAsync();
        var everything = Uri.EscapeDataString("visibility IN ('public', 'shared', 'confidential') OR visibility IS NULL OR TRUE");
        var anonymous = await AllItems(hub.Client(), "developments", $"{mine}&filter={everything}");
        Assert.Equal(publicOnes.Order(), anonymous.Select(f => f["properties"]!["externalId"]!.GetValue<string>()).Order());
        var asked = await AllItems(hub.Client(), "developments", $"{mine}&filter={Uri.EscapeDataString("visibility = 'confidential'")}");
        Assert.Empty(asked);
        var ownerSees = await AllItems(hub.Client(owner), "developments", $"{mine}&filter={Uri.EscapeDataString("visibility = 'confidential'")}");
        Assert.Equal(confidential, Assert.Single(ownerSees)["properties"]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_export_and_a_tile_apply_the_filter_as_the_items_do()
    {
        var (ids, scope, _) = await SeedAsync();
        var filter = Uri.EscapeDataString("commissioningYear >= 2031");
        var export = await (await hub.Client().GetAsync($"{Base}/collections/developments/export?{scope}&f=geojson&filter={filter}")).Body();
        Assert.Equal("bc", Letters(export["features"]!.AsArray().Select(f => f!), ids));
        // Zoom 10's tile around 5.12° E, 52.09° N holds all five (4.92°–5.27° E).
        var response = await hub.Client().GetAsync($"{Base}/collections/developments/tiles/WebMercatorQuad/10/{TileRow(52.09, 10)}/{TileColumn(5.12, 10)}?{scope}&filter={filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tile = new NetTopologySuite.IO.VectorTiles.Mapbox.MapboxTileReader().Read(await response.Content.ReadAsStreamAsync(),
            new NetTopologySuite.IO.VectorTiles.Tiles.Tile(TileColumn(5.12, 10), TileRow(52.09, 10), 10));
        var inTile = tile.Layers.SelectMany(l => l.Features).Select(f => ids.Single(i => i.Value == (string)f.Attributes["externalId"]).Key).Order();
        Assert.Equal("bc", string.Concat(inTile));
        // Only the properties asked for (and the id), as a map that styles by them asks.
        var slim = await hub.Client().GetAsync($"{Base}/collections/developments/tiles/WebMercatorQuad/10/{TileRow(52.09, 10)}/{TileColumn(5.12, 10)}?{scope}&filter={filter}&properties=externalId,sector");
        var slimTile = new NetTopologySuite.IO.VectorTiles.Mapbox.MapboxTileReader().Read(await slim.Content.ReadAsStreamAsync(),
            new NetTopologySuite.IO.VectorTiles.Tiles.Tile(TileColumn(5.12, 10), TileRow(52.09, 10), 10));
        Assert.All(slimTile.Layers.SelectMany(l => l.Features), f => Assert.Equal(["externalId", "id", "sector"], f.Attributes.GetNames().Order()));
        var unknown = await (await hub.Client().GetAsync($"{Base}/collections/developments/tiles/WebMercatorQuad/10/0/0?properties=colour")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains(unknown["errors"]!.AsArray(), e => e!["parameter"]!.GetValue<string>() == "properties");
    }

    private static int TileColumn(double lon, int z) => (int)Math.Floor((lon + 180) / 360 * (1 << z));

    private static int TileRow(double lat, int z)
    {
        var rad = lat * Math.PI / 180;
        return (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * (1 << z));
    }

    [Fact]
    public async Task The_capacity_layer_filters_headroom_and_year_in_memory_with_the_same_language()
    {
        var shortCode = await hub.ShortAreaAsync();
        var filter = Uri.EscapeDataString($"shortCode = '{shortCode}' AND headroomMw < 0 AND year BETWEEN 2026 AND 2028 AND direction = 'offtake'");
        var features = await AllItems(hub.Client(), "area-capacity", $"filter={filter}");
        // Short from 2027 (2.4 MW of homes on 2 MW): 2027 and 2028, in every scenario that counts permitted plans.
        Assert.NotEmpty(features);
        Assert.All(features, f =>
        {
            Assert.True(f["properties"]!["headroomMw"]!.GetValue<double>() < 0);
            Assert.InRange(f["properties"]!["year"]!.GetValue<int>(), 2027, 2028);
        });
        var equivalent = (await AllItems(hub.Client(), "area-capacity", $"shortCode={Uri.EscapeDataString(shortCode)}&direction=offtake&year=2026,2027,2028"))
            .Where(f => f["properties"]!["headroomMw"]?.GetValue<double>() < 0).Select(f => f["id"]!.GetValue<string>()).Order();
        Assert.Equal(equivalent, features.Select(f => f["id"]!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("colour = 'red'", "'colour' is not a queryable")]
    [InlineData("commissioningYear = 'soon'", "is an integer")]
    [InlineData("T_AFTER(updatedAt, TIMESTAMP('2020-01-01T00:00:00Z'))", "temporal functions are not supported")]
    [InlineData("commissioningYear = decommissioningYear", "comparing two properties is not supported")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((5 52, 6 52)))", "not valid WKT")]
    public async Task An_unsupported_filter_is_400_saying_what_is_not_supported(string filter, string message)
    {
        var problem = await (await hub.Client().GetAsync($"{Base}/collections/developments/items?filter={Uri.EscapeDataString(filter)}")).Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("filter", error!["parameter"]!.GetValue<string>());
        Assert.Contains(message, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GDAL_sends_its_where_clause_to_the_server_as_CQL_text_and_gets_the_same_features()
    {
        var (ids, _, tag) = await SeedAsync();
        var url = hub.ListeningNode() + Base;
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-cql-");
        try
        {
            var file = Path.Combine(dir.FullName, "filtered.geojson");
            var (_, log) = await GdalWithLog("ogr2ogr", "-f", "GeoJSON", file, $"OAPIF:{url}/collections/developments",
                "-where", $"name LIKE '{tag}%' AND commissioningYear >= 2029 AND certainty <> 'realised'", "--debug", "on");
            var fetches = log.Split('\n').Where(l => l.Contains("Fetch(", StringComparison.Ordinal) && l.Contains("/items?", StringComparison.Ordinal) && l.Contains("filter=", StringComparison.Ordinal)).ToList();
            Assert.True(fetches.Count > 0, log);
            Assert.All(fetches, l => Assert.Contains("filter-lang=cql-text", l));
            Assert.Contains(fetches, l => l.Contains("commissioningYear", StringComparison.Ordinal) && l.Contains(tag, StringComparison.Ordinal));
            var gdal = JsonNode.Parse(await File.ReadAllTextAsync(file))!["features"]!.AsArray().Select(f => f!);
            Assert.Equal("be", Letters(gdal, ids));
        }
        finally { dir.Delete(true); }
    }
}

public sealed class OgcFilterOnSqlite(SqliteHub hub) : OgcFilterTests(hub), IClassFixture<SqliteHub>;

public sealed class OgcFilterOnPostgis(PostgresHub hub) : OgcFilterTests(hub), IClassFixture<PostgresHub>;
