using DataHub.Api.Access;
using DataHub.Api.Features.Ogc;
using static DataHub.IntegrationTests.Infrastructure.Ogc;

namespace DataHub.IntegrationTests;

/// <summary>
/// OGC API – Features (Parts 1 and 2, Part 3's queryables) under /ogc/v1: the documents a GIS client reads, and the
/// items with OGC's parameters over the same access policy as REST (GDAL, exports, analysis layers: OgcGisClientTests).
/// </summary>
public abstract class OgcFeaturesTests(Hub hub)
{
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
    public async Task Conformance_lists_core_GeoJSON_HTML_OpenAPI_CRS_queryables_and_the_CQL2_classes_that_work()
    {
        var classes = (await Get(hub.Client(), $"{Base}/conformance"))["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/cql2-text", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus", classes);
        // What does not work is not listed (QGIS would send it and get a 400).
        Assert.DoesNotContain(classes, c => c.EndsWith("/cql2-json", StringComparison.Ordinal) || c.EndsWith("/temporal-functions", StringComparison.Ordinal)
            || c.EndsWith("/arithmetic", StringComparison.Ordinal) || c.EndsWith("/property-property", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_collection_says_its_CRSs_storage_CRS_and_links_its_items_schema_and_queryables()
    {
        var collections = (await Get(hub.Client(), $"{Base}/collections"))["collections"]!.AsArray();
        Assert.Equal(["developments", "energy-areas", "stations", "works", "area-capacity", "bottlenecks", "area-loads", "miek-projects"], collections.Select(c => c!["id"]!.GetValue<string>()));
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
        Assert.Equal("geometry-any", schema["properties"]!["geometry"]!["format"]!.GetValue<string>()); // points and polygons (Part 5's formats)
        var areas = await Get(hub.Client(), $"{Base}/collections/energy-areas/schema", "application/schema+json");
        Assert.Equal("geometry-polygon-or-multipolygon", areas["properties"]!["geometry"]!["format"]!.GetValue<string>());
        Assert.Equal("integer", schema["properties"]!["commissioningYear"]!["type"]!.GetValue<string>());
        var queryables = await Get(hub.Client(), $"{Base}/collections/developments/queryables", "application/schema+json");
        Assert.NotNull(queryables["properties"]!["planType"]);
        Assert.Equal("primary-geometry", queryables["properties"]!["geometry"]!["x-ogc-role"]!.GetValue<string>()); // for S_INTERSECTS
        Assert.Null(queryables["properties"]!["quantities"]); // a property, not a queryable
    }

    [Fact]
    public async Task Items_show_anonymous_callers_public_records_only_and_a_token_what_its_organisation_may_see()
    {
        var (owner, publicOnes, shared, confidential, mine) = await hub.OgcSeedAsync();
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
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
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
    [InlineData("quantities=x", "quantities")] // a property, but not a queryable
    [InlineData("commissioningYear=soon", "commissioningYear")] // a queryable, but not of its type
    [InlineData("filter=colour%3D'red'", "filter")]
    [InlineData("filter-lang=cql2-json&filter=%7B%7D", "filter-lang")]
    [InlineData("filter-crs=EPSG:3857&filter=S_INTERSECTS(geometry,POINT(1%202))", "filter-crs")]
    public async Task An_unknown_or_invalid_parameter_is_400_naming_it(string query, string parameter)
    {
        var problem = await (await hub.Client().GetAsync($"{Base}/collections/developments/items?{query}")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["parameter"]!.GetValue<string>() == parameter);
    }

    [Fact]
    public async Task A_response_crs_transforms_every_geometry_and_says_so_in_Content_Crs()
    {
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
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
        var (owner, publicOnes, _, _, mine) = await hub.OgcSeedAsync();
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
    public async Task A_retired_development_is_neither_an_item_nor_in_the_items()
    {
        var client = hub.Client("GM0344");
        var ext = Id();
        var id = (await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, 5.12, 52.09, p => p["visibility"] = "public")))).Body())["id"]!.GetValue<string>();
        await Get(client, $"{Base}/collections/developments/items/{id}", "application/geo+json");
        Assert.Equal(HttpStatusCode.NoContent, (await client.Send(HttpMethod.Delete, $"/api/v1/developments/{id}", null, "\"1\"")).StatusCode);
        await (await client.GetAsync($"{Base}/collections/developments/items/{id}")).Problem(HttpStatusCode.NotFound);
        Assert.Empty(await AllItems(client, "developments", $"externalId={ext}"));
    }

    [Fact]
    public async Task A_person_can_browse_every_page_as_HTML()
    {
        var (owner, _, _, _, mine) = await hub.OgcSeedAsync();
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

}

public sealed class OgcFeaturesOnSqlite(SqliteHub hub) : OgcFeaturesTests(hub), IClassFixture<SqliteHub>;

public sealed class OgcFeaturesOnPostgis(PostgresHub hub) : OgcFeaturesTests(hub), IClassFixture<PostgresHub>;
