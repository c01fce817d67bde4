using DataHub.Api.Access;
using DataHub.Api.Features.Ogc;
using System.Diagnostics;

namespace DataHub.IntegrationTests;

/// <summary>
/// OGC API – Features (Parts 1 and 2, Part 3's queryables) under /ogc/v1: the documents a GIS client reads, the items
/// with OGC's parameters over the same access policy as REST, and GDAL's OAPIF driver as a real client.
/// </summary>
public abstract class OgcFeaturesTests(Hub hub)
{
    private const string Base = "/ogc/v1";

    /// <summary>
    /// An owner's developments: two public, one shared and one confidential, in Utrecht; their external ids, and the
    /// items query that selects exactly these four (the hub is shared by the class's tests).
    /// </summary>
    private async Task<(string Owner, string[] Public, string Shared, string Confidential, string Mine)> SeedAsync()
    {
        const string owner = "CLUSTER6";
        var client = hub.Client(owner);
        var tag = Id();
        async Task<string> Submit(string ext, string visibility, double lon)
        {
            var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, lon, 52.09, p =>
            {
                p["visibility"] = visibility; p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification";
            })));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return ext;
        }
        string[] publicOnes = [await Submit($"{tag}-p1", "public", 5.11), await Submit($"{tag}-p2", "public", 5.12)];
        var (shared, confidential) = (await Submit($"{tag}-s", "shared", 5.13), await Submit($"{tag}-c", "confidential", 5.14));
        return (owner, publicOnes, shared, confidential, $"owner={owner}&externalId={string.Join(",", publicOnes.Append(shared).Append(confidential))}");
    }

    private static async Task<JsonNode> Get(HttpClient client, string url, string mediaType = "application/json")
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Every feature of a collection the client sees with <paramref name="query"/>, following next links.</summary>
    private static async Task<List<JsonNode>> AllItems(HttpClient client, string collection, string query)
    {
        var features = new List<JsonNode>();
        string? url = $"{Base}/collections/{collection}/items?{query}";
        while (url is not null)
        {
            var page = await Get(client, url, "application/geo+json");
            features.AddRange(page["features"]!.AsArray().Select(f => f!));
            url = page["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
        }
        return features;
    }

    [Fact]
    public async Task The_landing_page_links_the_API_definition_its_documentation_conformance_and_the_collections()
    {
        var landing = await Get(hub.Client(), $"{Base}/");
        var links = landing["links"]!.AsArray();
        foreach (var rel in new[] { "self", "alternate", "service-desc", "service-doc", "conformance", "data" })
            Assert.Contains(links, l => l!["rel"]!.GetValue<string>() == rel);
        Assert.All(links, l => Assert.False(string.IsNullOrEmpty(l!["type"]?.GetValue<string>()), $"{l!["rel"]} has no type"));
        var api = await hub.Client().GetAsync(links.Single(l => l!["rel"]!.GetValue<string>() == "service-desc")!["href"]!.GetValue<string>());
        Assert.Equal("3.0.3", JsonNode.Parse(await api.Content.ReadAsStringAsync())!["openapi"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conformance_lists_core_GeoJSON_HTML_OpenAPI_CRS_and_queryables_but_not_CQL2_filtering()
    {
        var classes = (await Get(hub.Client(), $"{Base}/conformance"))["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters", classes);
        Assert.DoesNotContain(classes, c => c.EndsWith("/conf/filter", StringComparison.Ordinal) || c.EndsWith("/conf/features-filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_collection_says_its_CRSs_storage_CRS_and_links_its_items_schema_and_queryables()
    {
        var collections = (await Get(hub.Client(), $"{Base}/collections"))["collections"]!.AsArray();
        Assert.Equal(["developments", "energy-areas", "stations", "area-capacity", "bottlenecks"], collections.Select(c => c!["id"]!.GetValue<string>()));
        foreach (var c in collections)
        {
            Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", c!["storageCrs"]!.GetValue<string>());
            Assert.Contains("http://www.opengis.net/def/crs/EPSG/0/28992", c["crs"]!.AsArray().Select(x => x!.GetValue<string>()));
            var rels = c["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();
            Assert.Contains("items", rels);
            Assert.Contains("describedby", rels, StringComparer.OrdinalIgnoreCase); // GDAL before 3.8 matches "describedBy" exactly
            Assert.Contains("http://www.opengis.net/def/rel/ogc/1.0/queryables", rels);
        }
        var schema = await Get(hub.Client(), $"{Base}/collections/developments/schema", "application/schema+json");
        Assert.Equal("primary-geometry", schema["properties"]!["geometry"]!["x-ogc-role"]!.GetValue<string>());
        Assert.Equal("integer", schema["properties"]!["commissioningYear"]!["type"]!.GetValue<string>());
        var queryables = await Get(hub.Client(), $"{Base}/collections/developments/queryables", "application/schema+json");
        Assert.NotNull(queryables["properties"]!["planType"]);
        Assert.Null(queryables["properties"]!["name"]); // a property, not a queryable
    }

    [Fact]
    public async Task Items_show_anonymous_callers_public_records_only_and_a_token_what_its_organisation_may_see()
    {
        var (owner, publicOnes, shared, confidential, mine) = await SeedAsync();
        string Ids(IEnumerable<JsonNode> features) => string.Join(",", features.Select(f => f["properties"]!["externalId"]!.GetValue<string>()).Order());
        var anonymous = await AllItems(hub.Client(), "developments", $"{mine}&limit=1");
        Assert.Equal(string.Join(",", publicOnes.Order()), Ids(anonymous));
        var ownerSees = await AllItems(hub.Client(owner), "developments", $"{mine}&limit=1");
        Assert.Equal(string.Join(",", publicOnes.Append(shared).Append(confidential).Order()), Ids(ownerSees));
        var province = await AllItems(hub.Client("PV27", "Reader"), "developments", mine);
        Assert.DoesNotContain(province, f => f["properties"]!["externalId"]!.GetValue<string>() == confidential);
        // One feature: hidden answers like missing.
        var hiddenId = ownerSees.Single(f => f["properties"]!["externalId"]!.GetValue<string>() == confidential)["id"]!.GetValue<string>();
        await (await hub.Client().GetAsync($"{Base}/collections/developments/items/{hiddenId}")).Problem(HttpStatusCode.NotFound);
        var own = await Get(hub.Client(owner), $"{Base}/collections/developments/items/{hiddenId}", "application/geo+json");
        Assert.Equal(confidential, own["properties"]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paging_by_cursor_returns_every_feature_once_with_numberMatched_on_every_page()
    {
        var (owner, _, _, _, mine) = await SeedAsync();
        var client = hub.Client(owner);
        var first = await Get(client, $"{Base}/collections/developments/items?{mine}&limit=3", "application/geo+json");
        Assert.Equal(4, first["numberMatched"]!.GetValue<int>());
        Assert.Equal(3, first["numberReturned"]!.GetValue<int>());
        var all = await AllItems(client, "developments", $"{mine}&limit=3");
        Assert.Equal(4, all.Select(f => f["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_served_as_the_maximum_not_refused()
    {
        var page = await Get(hub.Client(), $"{Base}/collections/developments/items?limit=1000000", "application/geo+json");
        Assert.True(page["numberReturned"]!.GetValue<int>() <= OgcItemsQuery.MaxLimit);
    }

    [Theory]
    [InlineData("colour=red", "colour")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox-crs=EPSG:3857&bbox=1,2,3,4", "bbox-crs")]
    [InlineData("crs=EPSG:3857", "crs")]
    [InlineData("datetime=yesterday", "datetime")]
    [InlineData("limit=0", "limit")]
    [InlineData("name=x", "name")] // a property, but not a queryable
    public async Task An_unknown_or_invalid_parameter_is_400_naming_it(string query, string parameter)
    {
        var problem = await (await hub.Client().GetAsync($"{Base}/collections/developments/items?{query}")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["parameter"]!.GetValue<string>() == parameter);
    }

    [Fact]
    public async Task A_response_crs_transforms_every_geometry_and_says_so_in_Content_Crs()
    {
        var (owner, _, _, _, mine) = await SeedAsync();
        var response = await hub.Client(owner).GetAsync($"{Base}/collections/developments/items?{mine}&crs=http://www.opengis.net/def/crs/EPSG/0/28992");
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/28992>", response.Headers.GetValues("Content-Crs").Single());
        foreach (var f in JsonNode.Parse(await response.Content.ReadAsStringAsync())!["features"]!.AsArray())
        {
            var xy = f!["geometry"]!["coordinates"]!.AsArray();
            Assert.InRange(xy[0]!.GetValue<double>(), 125_000, 145_000);
            Assert.InRange(xy[1]!.GetValue<double>(), 450_000, 460_000);
        }
    }

    [Fact]
    public async Task A_bbox_and_a_queryable_select_on_the_server_as_the_REST_filter_does()
    {
        var (owner, publicOnes, _, _, mine) = await SeedAsync();
        var client = hub.Client(owner);
        // The two westmost (5.11 and 5.12) in a box from 5.105 to 5.125.
        var boxed = await AllItems(client, "developments", $"{mine}&bbox=5.105,52.0,5.125,52.2");
        Assert.Equal(publicOnes.Order(), boxed.Select(f => f["properties"]!["externalId"]!.GetValue<string>()).Order());
        var rest = await (await client.GetAsync($"/api/v1/developments?{mine}&bbox=5.105,52.0,5.125,52.2")).Body();
        Assert.Equal(rest["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order(), boxed.Select(f => f["id"]!.GetValue<string>()).Order());
        Assert.Empty(await AllItems(client, "developments", $"{mine}&planType=RES"));
        Assert.Equal(4, (await AllItems(client, "developments", $"{mine}&planType=RES,CES")).Count);
    }

    [Fact]
    public async Task A_person_can_browse_every_page_as_HTML()
    {
        var (owner, _, _, _, mine) = await SeedAsync();
        var client = hub.Client();
        foreach (var url in new[] { "/", "/conformance", "/collections", "/collections/developments", $"/collections/developments/items?{mine}" })
        {
            var response = await client.GetAsync($"{Base}{url}{(url.Contains('?') ? "&" : "?")}f=html");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"nl\">", html);
            Assert.Contains("<h1>", html);
        }
    }

    /// <summary>
    /// A STEDIN energy area of its own (2 MW offtake from 2025) with 1,500 homes from 2027 in it (2.4 MW): short in the
    /// committed scenario from 2027. Its short code.
    /// </summary>
    private async Task<string> ShortAreaAsync()
    {
        var shortCode = $"OS OGC {Id()}";
        // Each call's area lies apart from the others' (a point is assigned to one area): 0.1° further east each time.
        var west = 5.6 + 0.1 * Interlocked.Increment(ref _areas);
        var stedin = hub.Client("STEDIN", "Submitter");
        var map = $$"""{"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"{{shortCode}}","issued":"2026-11-01","energy_areas":[{"short_code":"{{shortCode}}","works":[]}]}""";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        var areas = FormattableString.Invariant($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[{{{west}}},52.30],[{{{west + 0.05}}},52.30],[{{{west + 0.05}}},52.33],[{{{west}}},52.33],[{{{west}}},52.30]]]},
              "properties":{"shortCode":"{{{shortCode}}}","capacity":[{"year":2025,"offtakeMw":2,"feedInMw":20}]}}]}
            """);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas))).StatusCode);
        var homes = Point(Id(), west + 0.02, 52.31, p =>
        {
            p["visibility"] = "public"; p["certainty"] = "permitted";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 1500, ["unit"] = "homes" });
        });
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("GM0034").PostAsync("/api/v1/developments", Http.GeoJson(homes))).StatusCode);
        return shortCode;
    }

    private static int _areas;

    [Fact]
    public async Task Capacity_per_year_maps_an_areas_headroom_in_a_year_as_one_feature_per_scenario_and_direction()
    {
        var shortCode = await ShortAreaAsync();
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
    public async Task Bottlenecks_are_features_with_their_first_year_and_area_boundary()
    {
        var shortCode = await ShortAreaAsync();
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
        var (owner, _, _, _, mine) = await SeedAsync();
        var url = hub.ListeningNode() + Base;
        var info = await Gdal("ogrinfo", "-ro", "-q", $"OAPIF:{url}");
        foreach (var id in new[] { "developments", "energy-areas", "stations", "area-capacity", "bottlenecks" }) Assert.Contains(id, info);
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
    public async Task GDAL_sends_a_queryable_filter_and_a_bbox_to_the_server_and_its_RD_New_is_within_1_cm_of_the_hubs()
    {
        var (owner, publicOnes, _, _, mine) = await SeedAsync();
        var url = hub.ListeningNode() + Base;
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-gdal-");
        try
        {
            var file = Path.Combine(dir.FullName, "rd.geojson");
            // The two westmost of the owner's public developments: owner= and bbox= travel in the items URL (GDAL's HTTP debug log shows it).
            var (_, log) = await GdalWithLog("ogr2ogr", "-f", "GeoJSON", file, $"OAPIF:{url}/collections/developments", "-where", $"owner = '{owner}'",
                "-spat", "5.105", "52.0", "5.125", "52.2", "-t_srs", "EPSG:28992", "--debug", "on");
            // (GDAL's first items fetch, limit=10 without filters, only samples the layer's fields.)
            Assert.True(log.Split('\n').Any(l => l.Contains("Fetch(", StringComparison.Ordinal) && l.Contains("/items?", StringComparison.Ordinal)
                && l.Contains($"owner={owner}", StringComparison.Ordinal) && l.Contains("bbox=", StringComparison.Ordinal)), log);
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
        var (owner, publicOnes, _, _, mine) = await SeedAsync();
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
        var (owner, _, _, _, mine) = await SeedAsync();
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

    private static async Task<string> Gdal(string tool, params string[] args) => (await GdalWithLog(tool, args)).Output;

    /// <summary>Runs a GDAL tool; its standard output and its log (standard error: debug lines, warnings).</summary>
    private static async Task<(string Output, string Log)> GdalWithLog(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {await error}");
        return (await output, await error);
    }
}

public sealed class OgcFeaturesOnSqlite(SqliteHub hub) : OgcFeaturesTests(hub), IClassFixture<SqliteHub>;

public sealed class OgcFeaturesOnPostgis(PostgresHub hub) : OgcFeaturesTests(hub), IClassFixture<PostgresHub>;
