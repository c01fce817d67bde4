using DataHub.Api.Access;
using static DataHub.IntegrationTests.Infrastructure.Ogc;

namespace DataHub.IntegrationTests;

/// <summary>
/// What a GIS user does with the OGC API: the analysis layers (capacity per year, bottlenecks), GDAL's OAPIF driver
/// and ogr2ogr as real clients, and exports to GeoJSON, CSV and GeoPackage.
/// </summary>
public abstract class OgcGisClientTests(Hub hub)
{
    [Fact]
    public async Task Capacity_per_year_maps_an_areas_headroom_in_a_year_as_one_feature_per_scenario_and_direction()
    {
        var shortCode = await hub.ShortAreaAsync();
        var features = await AllItems(hub.Client(), "area-capacity", $"shortCode={Uri.EscapeDataString(shortCode)}&year=2031&scenario=committed");
        Assert.Equal(["feedIn", "offtake"], features.Select(f => f["properties"]!["direction"]!.GetValue<string>()).Order());
        var offtake = features.Single(f => f["properties"]!["direction"]!.GetValue<string>() == "offtake")["properties"]!;
        Assert.Equal(2031, offtake["year"]!.GetValue<int>());
        Assert.Equal(2, offtake["capacityMw"]!.GetValue<double>());
        Assert.True(offtake["short"]!.GetValue<bool>());
        Assert.True(offtake["headroomMw"]!.GetValue<double>() < 0);
        Assert.Equal("Polygon", features[0]["geometry"]!["type"]!.GetValue<string>());
        // datetime picks the year as well; 2026 is before the homes.
        var before = await AllItems(hub.Client(), "area-capacity", $"shortCode={Uri.EscapeDataString(shortCode)}&datetime=2026-06-01&scenario=committed&direction=offtake");
        Assert.False(Assert.Single(before)["properties"]!["short"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Works_are_features_with_their_areas_boundary_and_the_years_their_schedule_starts_and_completes()
    {
        const string works = """
            [{"project_name":"Nieuw onderstation","description":"150/20 kV","time_schedules":[{"schedule_interval":{"start":"2026-03-01","end":"2028-06-30"}}]},
             {"project_name":"Extra transformator","time_schedules":[{"schedule_interval":{"year":2030,"quarter":2}},{"schedule_interval":{"year":2031,"quarter":1}}]}]
            """;
        var shortCode = await hub.ShortAreaAsync(works.ReplaceLineEndings(""));
        var features = await AllItems(hub.Client(), "works", $"shortCode={Uri.EscapeDataString(shortCode)}");
        Assert.Equal(["Nieuw onderstation", "Extra transformator"], features.Select(f => f["properties"]!["projectName"]!.GetValue<string>()));
        Assert.Equal([2026, 2030], features.Select(f => f["properties"]!["startYear"]!.GetValue<int>()));
        Assert.Equal([2028, 2031], features.Select(f => f["properties"]!["completionYear"]!.GetValue<int>()));
        Assert.All(features, f => Assert.Equal("Polygon", f["geometry"]!["type"]!.GetValue<string>()));
        var before2029 = await AllItems(hub.Client(), "works", $"filter={Uri.EscapeDataString($"shortCode = '{shortCode}' AND completionYear < 2029")}");
        Assert.Equal("Nieuw onderstation", Assert.Single(before2029)["properties"]!["projectName"]!.GetValue<string>());
        var one = await Get(hub.Client(), $"{Base}/collections/works/items/{Uri.EscapeDataString(features[1]["id"]!.GetValue<string>())}", "application/geo+json");
        Assert.Equal("Extra transformator", one["properties"]!["projectName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bottlenecks_are_features_with_their_first_year_and_area_boundary()
    {
        var shortCode = await hub.ShortAreaAsync();
        var bottleneck = Assert.Single(await AllItems(hub.Client(), "bottlenecks", $"shortCode={Uri.EscapeDataString(shortCode)}&scenario=committed"));
        Assert.Equal(2027, bottleneck["properties"]!["firstYear"]!.GetValue<int>());
        Assert.Equal("offtake", bottleneck["properties"]!["direction"]!.GetValue<string>());
        Assert.True(bottleneck["properties"]!["maxShortfallMw"]!.GetValue<double>() > 0);
        var one = await Get(hub.Client(), $"{Base}/collections/bottlenecks/items/{bottleneck["id"]!.GetValue<string>()}", "application/geo+json");
        Assert.Equal(shortCode, one["properties"]!["shortCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task GDAL_lists_every_collection_and_copies_a_whole_collection_through_paging_with_no_feature_lost_or_repeated()
    {
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
        var url = hub.ListeningNode() + Base;
        var info = await Gdal("ogrinfo", "-ro", "-q", $"OAPIF:{url}");
        foreach (var id in new[] { "developments", "energy-areas", "stations", "works", "area-capacity", "bottlenecks", "area-loads", "miek-projects" }) Assert.Contains(id, info);
        // ogrinfo -al -so straight on the OGC API: the count the hub matches (numberMatched) and the typed fields.
        var developmentsSummary = await Gdal("ogrinfo", "-ro", "-so", "-al", $"OAPIF:{url}/collections/developments");
        var matched = (await Get(hub.Client(), $"{Base}/collections/developments/items?limit=1", "application/geo+json"))["numberMatched"]!.GetValue<int>();
        Assert.Contains($"Feature Count: {matched}", developmentsSummary);
        Assert.Contains("commissioningYear: Integer", developmentsSummary);
        Assert.Contains("updatedAt: DateTime", developmentsSummary);
        // As the owner (Bearer token by header), page size 2: every one of the owner's four, once.
        var token = Hub.Token(owner, [Roles.Submitter]);
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-gdal-");
        try
        {
            var gpkg = Path.Combine(dir.FullName, "copy.gpkg");
            await Gdal("ogr2ogr", "-f", "GPKG", gpkg, $"OAPIF:{url}/collections/developments", "-oo", "PAGE_SIZE=2", "-where", $"owner = '{owner}' AND externalId IN ({string.Join(",", mine.Split("externalId=")[1].Split(',').Select(e => $"'{e}'"))})",
                "--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}");
            var summary = await Gdal("ogrinfo", "-ro", "-al", "-so", gpkg);
            Assert.True(summary.Contains("Feature Count: 4"), summary);
            Assert.True(summary.Contains("commissioningYear: Integer"), summary);
            Assert.Contains("planType: String", summary);
            var ids = await Gdal("ogrinfo", "-ro", "-q", "-sql", "SELECT COUNT(DISTINCT externalId) AS n FROM developments", gpkg);
            Assert.Contains("n (Integer) = 4", ids);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task GDAL_sends_its_where_clause_as_CQL_and_a_bbox_to_the_server_and_its_RD_New_is_within_1_cm_of_the_hubs()
    {
        var (owner, publicOnes, _, _, mine) = await hub.OgcSeedAsync();
        var url = hub.ListeningNode() + Base;
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-gdal-");
        try
        {
            var file = Path.Combine(dir.FullName, "rd.geojson");
            // The two westmost of the owner's public developments: the filter (as CQL text) and bbox= travel in the items URL (GDAL's HTTP debug log shows it).
            var (_, log) = await GdalWithLog("ogr2ogr", "-f", "GeoJSON", file, $"OAPIF:{url}/collections/developments", "-where", $"owner = '{owner}'",
                "-spat", "5.105", "52.0", "5.125", "52.2", "-t_srs", "EPSG:28992", "--debug", "on");
            // (GDAL's first items fetch, limit=10 without filters, only samples the layer's fields.)
            Assert.True(log.Split('\n').Any(l => l.Contains("Fetch(", StringComparison.Ordinal) && l.Contains("/items?", StringComparison.Ordinal)
                && l.Contains("filter=", StringComparison.Ordinal) && l.Contains(owner, StringComparison.Ordinal) && l.Contains("bbox=", StringComparison.Ordinal)), log);
            var gdal = JsonNode.Parse(await File.ReadAllTextAsync(file))!["features"]!.AsArray()
                .Where(f => publicOnes.Contains(f!["properties"]!["externalId"]!.GetValue<string>())).ToList();
            Assert.Equal(2, gdal.Count);
            var hubRd = await Get(hub.Client(), $"{Base}/collections/developments/items?{mine}&crs=http://www.opengis.net/def/crs/EPSG/0/28992", "application/geo+json");
            foreach (var f in gdal)
            {
                var mineRd = hubRd["features"]!.AsArray().Single(h => h!["id"]!.GetValue<string>() == f!["properties"]!["id"]!.GetValue<string>())!["geometry"]!["coordinates"]!.AsArray();
                var theirs = f!["geometry"]!["coordinates"]!.AsArray();
                var distance = Math.Sqrt(Math.Pow(mineRd[0]!.GetValue<double>() - theirs[0]!.GetValue<double>(), 2) + Math.Pow(mineRd[1]!.GetValue<double>() - theirs[1]!.GetValue<double>(), 2));
                Assert.True(distance < 0.01, $"GDAL/PROJ and the hub differ by {distance:0.000} m in RD New");
            }
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task An_export_is_the_whole_query_as_GeoJSON_with_a_file_name_and_only_what_the_caller_may_see()
    {
        var (owner, publicOnes, _, _, mine) = await hub.OgcSeedAsync();
        var anonymous = await hub.Client().GetAsync($"{Base}/collections/developments/export?{mine}&f=geojson");
        Assert.Equal("application/geo+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"developments-", anonymous.Content.Headers.ContentDisposition?.ToString());
        var features = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["features"]!.AsArray();
        Assert.Equal(publicOnes.Order(), features.Select(f => f!["properties"]!["externalId"]!.GetValue<string>()).Order());
        var asOwner = JsonNode.Parse(await (await hub.Client(owner).GetAsync($"{Base}/collections/developments/export?{mine}")).Content.ReadAsStringAsync())!;
        Assert.Equal(4, asOwner["features"]!.AsArray().Count);
        await (await hub.Client().GetAsync($"{Base}/collections/developments/export?{mine}&f=xlsx")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_export_reads_and_audits_each_of_another_owners_records_once()
    {
        const string owner = "WESTLANDINFRA";
        var admin = hub.Client(owner, "Submitter", "OrgAdmin");
        var ext = Id();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, 5.2, 52.1, p => p["visibility"] = "shared")))).StatusCode);
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = "COTEQ" }), ["scope"] = new JsonObject(),
            ["level"] = "detail", ["purpose"] = "test", ["validFrom"] = "2026-01-01", ["status"] = "active",
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/sharing-agreements", Json(agreement))).StatusCode);
        async Task<int> RecordsRead() => (await (await admin.GetAsync("/api/v1/audit-events?limit=1000")).Body())["items"]!.AsArray()
            .Where(e => e!["organisation"]?.GetValue<string>() == "COTEQ" && e["action"]!.GetValue<string>() == "read").Sum(e => e!["recordCount"]!.GetValue<int>());
        var before = await RecordsRead();
        var export = await (await hub.Client("COTEQ", "Reader").GetAsync($"{Base}/collections/developments/export?owner={owner}&externalId={ext}&f=geojson")).Body();
        Assert.Single(export["features"]!.AsArray());
        Assert.Equal(before + 1, await RecordsRead());
    }

    [Fact]
    public async Task A_CSV_export_escapes_formulas_and_gives_RD_coordinates_as_x_and_y()
    {
        var owner = hub.Client("GM0344");
        var ext = Id();
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, props: p => p["name"] = "=HYPERLINK(\"http://evil\")")))).StatusCode);
        var csv = await (await owner.GetAsync($"{Base}/collections/developments/export?externalId={ext}&f=csv&coordinates=xy&crs=http://www.opengis.net/def/crs/EPSG/0/28992")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,externalId,owner,name,", lines[0]);
        Assert.EndsWith("x,y", lines[0].TrimEnd('\r'));
        Assert.Contains("'=HYPERLINK", lines[1]);
        var cells = lines[1].TrimEnd('\r').Split(',');
        Assert.InRange(double.Parse(cells[^2], System.Globalization.CultureInfo.InvariantCulture), 136_000, 137_000); // the Domplein in RD New
        Assert.InRange(double.Parse(cells[^1], System.Globalization.CultureInfo.InvariantCulture), 455_000, 456_000);
    }

    [Fact]
    public async Task A_GeoPackage_export_opens_in_GDAL_with_every_feature_its_field_types_and_RD_New()
    {
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
        var response = await hub.Client(owner).GetAsync($"{Base}/collections/developments/export?{mine}&f=gpkg&crs=http://www.opengis.net/def/crs/EPSG/0/28992");
        Assert.Equal("application/geopackage+sqlite3", response.Content.Headers.ContentType?.MediaType);
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-gpkg-");
        try
        {
            var file = Path.Combine(dir.FullName, "export.gpkg");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var summary = await Gdal("ogrinfo", "-ro", "-al", "-so", file);
            Assert.True(summary.Contains("Feature Count: 4") && summary.Contains("commissioningYear: Integer") && summary.Contains("Amersfoort / RD New"), summary);
            var check = await Gdal("ogrinfo", "-ro", "-q", "-sql", "SELECT MIN(ST_X(geom)) AS x FROM developments", file);
            Assert.Contains("x (Real) = 13", check); // RD New easting near Utrecht, 13x xxx m
        }
        finally { dir.Delete(true); }
    }
    [Fact]
    public async Task A_vector_tile_decodes_in_GDAL_with_the_features_the_caller_may_see()
    {
        var (owner, publicOnes, _, _, _) = await hub.OgcSeedAsync();
        // The WebMercatorQuad tile at zoom 12 around the Domplein holds all four (5.11–5.14°E, 52.09°N).
        const int z = 12;
        var x = (int)Math.Floor((5.12 + 180) / 360 * (1 << z));
        var lat = 52.09 * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * (1 << z));
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-tile-");
        try
        {
            async Task<List<string>> DecodedAsync(HttpClient client, string who)
            {
                var response = await client.GetAsync($"{Base}/collections/developments/tiles/WebMercatorQuad/{z}/{y}/{x}?owner={owner}");
                Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
                var file = Path.Combine(dir.FullName, who, $"{z}", $"{x}", $"{y}.pbf");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
                var info = await Gdal("ogrinfo", "-ro", "-al", file);
                if (who == "anonymous")
                {
                    // GDAL places the first public one (5.11°E, 52.09°N) in Web Mercator metres, within a tile unit (2.4 m at zoom 12).
                    var (mx, my) = (5.11 / 180 * 20037508.3427892, Math.Log(Math.Tan((90 + 52.09) * Math.PI / 360)) / Math.PI * 20037508.3427892);
                    var points = System.Text.RegularExpressions.Regex.Matches(info, @"POINT \(([\d.]+) ([\d.]+)\)")
                        .Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
                    Assert.Contains(points, p => Math.Abs(p.X - mx) < 3 && Math.Abs(p.Y - my) < 3);
                }
                return [.. info.Split('\n').Where(l => l.TrimStart().StartsWith("externalId (String) = ", StringComparison.Ordinal)).Select(l => l.Split(" = ")[1].Trim())];
            }
            var anonymous = await DecodedAsync(hub.Client(), "anonymous");
            Assert.Equal(publicOnes.Order(), anonymous.Where(e => e.StartsWith(publicOnes[0][..12], StringComparison.Ordinal)).Order());
            var asOwner = await DecodedAsync(hub.Client(owner), "owner");
            Assert.Equal(4, asOwner.Count(e => e.StartsWith(publicOnes[0][..12], StringComparison.Ordinal)));
        }
        finally { dir.Delete(true); }
        await (await hub.Client().GetAsync($"{Base}/collections/developments/tiles/WebMercatorQuad/3/9/9")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tile_in_the_Dutch_RD_grid_decodes_in_GDAL_at_the_RD_New_coordinates_of_the_features()
    {
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
        var set = await Get(hub.Client(), $"{Base}/tileMatrixSets/NetherlandsRDNewQuad");
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/28992", set["crs"]!.GetValue<string>());
        var level = set["tileMatrices"]!.AsArray()[9]!;
        var (originX, originY) = (level["pointOfOrigin"]![0]!.GetValue<double>(), level["pointOfOrigin"]![1]!.GetValue<double>());
        var span = level["cellSize"]!.GetValue<double>() * 256;
        Assert.Equal(3440.64 / 512 * 256, span, 6);
        var hubRd = (await AllItems(hub.Client(owner), "developments", $"{mine}&crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/28992")}"))
            .ToDictionary(f => f["properties"]!["externalId"]!.GetValue<string>(), f => (X: f["geometry"]!["coordinates"]![0]!.GetValue<double>(), Y: f["geometry"]!["coordinates"]![1]!.GetValue<double>()));
        // The level-9 tile (1,720 m a side) of the westmost; GDAL reads the grid from the metadata file its own MVT writer makes for custom grids.
        var first = hubRd.Values.MinBy(p => p.X);
        var (x, y) = ((int)Math.Floor((first.X - originX) / span), (int)Math.Floor((originY - first.Y) / span));
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-rdtile-");
        try
        {
            var response = await hub.Client(owner).GetAsync($"{Base}/collections/developments/tiles/NetherlandsRDNewQuad/9/{y}/{x}?{mine}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var file = Path.Combine(dir.FullName, "9", $"{x}", $"{y}.pbf");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var metadata = Path.Combine(dir.FullName, "metadata.json");
            await File.WriteAllTextAsync(metadata, FormattableString.Invariant($$"""
                {"name":"developments","format":"pbf","crs":"EPSG:28992","tile_origin_upper_left_x":{{originX}},"tile_origin_upper_left_y":{{originY}},"tile_dimension_zoom_0":{{span * 512}}}
                """));
            var info = await Gdal("ogrinfo", "-ro", "-al", "-oo", $"METADATA_FILE={metadata}", file);
            Assert.Contains("Amersfoort / RD New", info);
            var decoded = System.Text.RegularExpressions.Regex.Matches(info, @"externalId \(String\) = (\S+)\s+.*?POINT \(([\d.]+) ([\d.]+)\)", System.Text.RegularExpressions.RegexOptions.Singleline)
                .ToDictionary(m => m.Groups[1].Value, m => (X: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
            var inTile = hubRd.Where(p => p.Value.X >= originX + x * span && p.Value.X < originX + (x + 1) * span && p.Value.Y <= originY - y * span && p.Value.Y > originY - (y + 1) * span).ToList();
            Assert.NotEmpty(inTile);
            foreach (var (ext, p) in inTile)
            {
                Assert.True(decoded.TryGetValue(ext, out var d), $"{ext} is not in the tile: {info}");
                // One tile unit is 1,720 m / 4096 = 0.42 m.
                Assert.True(Math.Abs(d.X - p.X) < 0.5 && Math.Abs(d.Y - p.Y) < 0.5, $"{ext}: GDAL {d}, hub {p}");
            }
        }
        finally { dir.Delete(true); }
        var unknown = await (await hub.Client().GetAsync($"{Base}/collections/developments/tiles/EuropeanETRS89_LAEAQuad/3/1/1")).Problem(HttpStatusCode.NotFound);
        Assert.Contains("NetherlandsRDNewQuad", unknown["detail"]!.GetValue<string>());
    }
    [Fact]
    public async Task MIEK_projects_are_a_layer_for_exactly_the_callers_who_read_the_provinces_programme()
    {
        var cycle = await hub.CycleAsync("PV26");
        var coordinator = hub.Client("PV26", "ProgrammeCoordinator");
        var created = await coordinator.PostAsync("/api/v1/miek-projects", Json(Programme.Project(cycle).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (id, code) = ((await created.Body())["id"]!.GetValue<string>(), (await created.Body())["code"]!.GetValue<string>());
        async Task<bool> Sees(HttpClient client) =>
            (await AllItems(client, "miek-projects", $"province=PV26&code={code}")).Any(f => f["id"]!.GetValue<string>() == id);
        Assert.True(await Sees(hub.Client("PV26", "Reader")));
        Assert.True(await Sees(hub.Client("GM0344", "Reader"))); // a municipality in the province
        Assert.False(await Sees(hub.Client("PV27", "Reader")));
        Assert.False(await Sees(hub.Client()));
        await (await hub.Client("PV27", "Reader").GetAsync($"{Base}/collections/miek-projects/items/{id}")).Problem(HttpStatusCode.NotFound);
        var one = await Get(hub.Client("PV26", "Reader"), $"{Base}/collections/miek-projects/items/{id}", "application/geo+json");
        Assert.Equal("Point", one["geometry"]!["type"]!.GetValue<string>());
    }
    [Fact]
    public async Task Load_per_municipality_is_a_layer_of_the_municipalitys_boundary_per_year_scenario_carrier_and_sector()
    {
        const string owner = "GM0344"; // Utrecht, its own developments: detail, no disclosure control
        var client = hub.Client(owner);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).StatusCode);
        var features = await AllItems(client, "area-loads", "level=municipality&area=GM0344&year=2030&scenario=expected&sector=housing");
        Assert.NotEmpty(features);
        Assert.All(features, f =>
        {
            Assert.Equal(("GM0344", 2030, "expected"), (f["properties"]!["area"]!.GetValue<string>(), f["properties"]!["year"]!.GetValue<int>(), f["properties"]!["scenario"]!.GetValue<string>()));
            Assert.Contains(f["geometry"]!["type"]!.GetValue<string>(), new[] { "Polygon", "MultiPolygon" });
        });
        Assert.Contains(features, f => f["properties"]!["peakOfftakeMw"]?.GetValue<double>() > 0);
        var problem = await (await client.GetAsync($"{Base}/collections/area-loads/items?level=national")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("level", problem["errors"]![0]!["parameter"]!.GetValue<string>());
    }
}

public sealed class OgcGisClientOnSqlite(SqliteHub hub) : OgcGisClientTests(hub), IClassFixture<SqliteHub>;

public sealed class OgcGisClientOnPostgis(PostgresHub hub) : OgcGisClientTests(hub), IClassFixture<PostgresHub>;
