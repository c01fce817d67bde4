using System.Text.Json.Nodes;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// OGC API – Features (Part 1 Core, Part 2 CRS by reference, Part 3's queryables with their query parameters) under
/// <see cref="OgcApi.BasePath"/>, for GIS clients (QGIS, GDAL, ArcGIS, FME) by URL: landing page, conformance, collections,
/// items and item, each as JSON and as HTML a person can browse. Routing and mapping only: the collections call their
/// features' read operations, which apply the access policy and audit. Its own OpenAPI document is its service-desc;
/// OGC's parameter names (<c>bbox-crs</c>) stay out of the main REST document.
/// </summary>
public static class OgcEndpoints
{
    public static IEndpointRouteBuilder MapOgcFeatures(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup(OgcApi.BasePath).ExcludeFromDescription(); // described by its own document (OgcOpenApi), not the REST one
        ogc.MapGet("/", Landing);
        ogc.MapGet("/conformance", Conformance);
        ogc.MapGet("/style.css", () => Results.Text(OgcHtml.Stylesheet, "text/css; charset=utf-8"));
        ogc.MapGet("/api", (HttpContext http, IEnumerable<IOgcCollection> all) => WantsHtml(http.Request)
            ? OgcHtml.Api(OgcOpenApi.Document(Base(http), all))
            : Results.Text(OgcOpenApi.Document(Base(http), all).ToJsonString(), OgcOpenApi.MediaType));
        ogc.MapGet("/collections", Collections);
        ogc.MapGet("/collections/{collectionId}", Collection);
        ogc.MapGet("/collections/{collectionId}/schema", (string collectionId, HttpContext http, IEnumerable<IOgcCollection> all) =>
            Find(all, collectionId) is { } c ? Results.Text(OgcSchema.Of(c, Base(http), queryablesOnly: false).ToJsonString(), "application/schema+json") : NoCollection(collectionId));
        ogc.MapGet("/collections/{collectionId}/feature-schema", (string collectionId, HttpContext http, IEnumerable<IOgcCollection> all) =>
            Find(all, collectionId) is { } c ? Results.Text(OgcSchema.Feature(c, Base(http)).ToJsonString(), "application/schema+json") : NoCollection(collectionId));
        ogc.MapGet("/collections/{collectionId}/queryables", (string collectionId, HttpContext http, IEnumerable<IOgcCollection> all) =>
            Find(all, collectionId) is { } c ? Results.Text(OgcSchema.Of(c, Base(http), queryablesOnly: true).ToJsonString(), "application/schema+json") : NoCollection(collectionId));
        ogc.MapGet("/collections/{collectionId}/items", Items);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item);
        ogc.MapGet("/collections/{collectionId}/export", Export);
        ogc.MapGet("/tileMatrixSets", (HttpContext http) =>
            Results.Json(new JsonObject { ["tileMatrixSets"] = new JsonArray([.. OgcTiles.Sets.Select(s => (JsonNode)OgcTiles.Describe(s, Base(http), withMatrices: false))]) }));
        ogc.MapGet("/tileMatrixSets/{tileMatrixSetId}", (string tileMatrixSetId, HttpContext http) =>
            OgcTiles.Find(tileMatrixSetId) is { } set ? Results.Json(OgcTiles.Describe(set, Base(http))) : NoTileMatrixSet(tileMatrixSetId));
        ogc.MapGet("/collections/{collectionId}/tiles", Tilesets);
        ogc.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}/{z:int}/{y:int}/{x:int}", Tile);
        return app;
    }

    private static string Base(HttpContext http) => PageLinks.BaseUrl(http.Request) + OgcApi.BasePath;

    private static IOgcCollection? Find(IEnumerable<IOgcCollection> all, string id) => all.FirstOrDefault(c => c.Id == id);

    private static IResult NoCollection(string id) => Problems.NotFound($"There is no collection '{id}'; the list is at {OgcApi.BasePath}/collections.");

    private static IResult NoTileMatrixSet(string id) =>
        Problems.NotFound($"There is no tile matrix set '{id}'; this hub offers {string.Join(" and ", OgcTiles.Sets.Select(s => s.Id))}.");

    /// <summary>HTML when asked with f=html, or when a browser prefers it (Accept: text/html before any JSON).</summary>
    private static bool WantsHtml(HttpRequest request)
    {
        if (request.Query["f"].ToString() is { Length: > 0 } f) return f == "html";
        var accept = request.Headers.Accept.ToString();
        var html = accept.IndexOf("text/html", StringComparison.OrdinalIgnoreCase);
        var json = accept.IndexOf("json", StringComparison.OrdinalIgnoreCase);
        return html >= 0 && (json < 0 || html < json);
    }

    private static JsonObject Link(string href, string rel, string type, string? title = null)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    /// <summary>The self and alternate links of a resource that has a JSON and an HTML form.</summary>
    private static IEnumerable<JsonNode> SelfAndAlternate(string url, string jsonType, bool html) =>
    [
        Link($"{url}?f={(html ? "html" : "json")}", "self", html ? "text/html" : jsonType, "this document"),
        Link($"{url}?f={(html ? "json" : "html")}", "alternate", html ? jsonType : "text/html", html ? "this document as JSON" : "this document as HTML"),
    ];

    private static IResult Landing(HttpContext http)
    {
        var b = Base(http);
        var html = WantsHtml(http.Request);
        var doc = new JsonObject
        {
            ["title"] = "DataHub – OGC API Features",
            ["description"] = "Developments, energy areas and stations of the DataHub for integraal programmeren, for GIS clients. A Bearer token shows what the caller's organisation may see; without one, public records only.",
            ["links"] = new JsonArray([.. SelfAndAlternate(b + "/", "application/json", html),
                Link($"{b}/api", "service-desc", OgcOpenApi.MediaType, "the API definition (OpenAPI 3.0)"),
                Link($"{b}/api?f=html", "service-doc", "text/html", "the API documentation"),
                Link($"{b}/conformance", "conformance", "application/json", "the conformance classes implemented"),
                Link($"{b}/collections", "data", "application/json", "the collections"),
                Link($"{b}/tileMatrixSets", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "application/json", "the tile matrix sets of the vector tiles")]),
        };
        return html ? OgcHtml.Landing(doc) : Results.Json(doc, contentType: "application/json");
    }

    private static IResult Conformance(HttpContext http)
    {
        var doc = new JsonObject { ["conformsTo"] = new JsonArray([.. OgcApi.ConformsTo.Select(c => (JsonNode)c)]) };
        return WantsHtml(http.Request) ? OgcHtml.Conformance(OgcApi.ConformsTo) : Results.Json(doc, contentType: "application/json");
    }

    private static IResult Collections(HttpContext http, IEnumerable<IOgcCollection> all)
    {
        var b = Base(http);
        var html = WantsHtml(http.Request);
        var doc = new JsonObject
        {
            ["links"] = new JsonArray([.. SelfAndAlternate($"{b}/collections", "application/json", html)]),
            ["crs"] = new JsonArray([.. Crs.All.Select(c => (JsonNode)c.Uri)]),
            ["collections"] = new JsonArray([.. all.Select(c => (JsonNode)Describe(c, b))]),
        };
        return html ? OgcHtml.Collections(doc) : Results.Json(doc, contentType: "application/json");
    }

    private static IResult Collection(string collectionId, HttpContext http, IEnumerable<IOgcCollection> all)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        var doc = Describe(c, Base(http));
        return WantsHtml(http.Request) ? OgcHtml.Collection(doc) : Results.Json(doc, contentType: "application/json");
    }

    /// <summary>A collection's description: its links (items, schema, queryables), extent, CRSs and storage CRS (Part 2).</summary>
    private static JsonObject Describe(IOgcCollection c, string b)
    {
        var url = $"{b}/collections/{c.Id}";
        var extent = new JsonObject
        {
            ["spatial"] = new JsonObject
            {
                ["bbox"] = new JsonArray(new JsonArray(3.2, 50.7, 7.3, 53.7)),
                ["crs"] = Crs.Crs84.Uri,
            },
        };
        if (c.Temporal is not null) extent["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(null, null)), ["trs"] = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian" };
        return new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["description"] = c.Description + (c.Temporal is null ? "" : $" datetime selects by {c.Temporal}."),
            ["links"] = new JsonArray(
                Link(url, "self", "application/json", "this collection"),
                Link($"{url}?f=html", "alternate", "text/html", "this collection as HTML"),
                Link($"{url}/items", "items", GeoJson.MediaType, "the features"),
                Link($"{url}/items?f=html", "items", "text/html", "the features as HTML"),
                // "describedBy" as GDAL before 3.8 spells it (link relations compare case-insensitively): one item as GeoJSON.
                Link($"{url}/feature-schema", "describedBy", "application/schema+json", "the schema of one feature as GeoJSON"),
                Link($"{url}/schema", "http://www.opengis.net/def/rel/ogc/1.0/schema", "application/schema+json", "the schema of the features (Part 5)"),
                Link($"{url}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "the properties to filter on"),
                Link($"{url}/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", "application/json", "vector tiles of the features (Mapbox; WebMercatorQuad and NetherlandsRDNewQuad)"),
                Link($"{url}/export?f=gpkg", "enclosure", OgcExport.MediaType("gpkg"), "all features as a GeoPackage (the items' filters apply)"),
                Link($"{url}/export?f=csv", "enclosure", OgcExport.MediaType("csv"), "all features as CSV"),
                Link($"{url}/export?f=geojson", "enclosure", OgcExport.MediaType("geojson"), "all features as one GeoJSON file")),
            ["extent"] = extent,
            ["itemType"] = "feature",
            ["crs"] = new JsonArray([.. Crs.All.Select(x => (JsonNode)x.Uri)]),
            ["storageCrs"] = c.StorageCrs.Uri,
        };
    }

    private static async Task<IResult> Items(string collectionId, HttpContext http, IEnumerable<IOgcCollection> all, AccessScopes access, TimeProvider clock, CancellationToken ct)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        var (query, errors) = OgcItemsQuery.Parse(http.Request.Query, c.Properties);
        if (query is null) return Problems.Validation(errors, "The query is not valid");
        if (query.HasDatetime && c.Temporal is null) query = query with { From = null, To = null };
        if (!http.Request.Query.ContainsKey("f") && WantsHtml(http.Request)) query = query with { Format = "html" }; // a browser, as the other pages
        var outcome = await c.ItemsAsync(await access.CurrentAsync(ct), query, ct);
        if (outcome.Failed(out var problem, out var page)) return problem;
        var url = $"{Base(http)}/collections/{c.Id}/items";
        var links = new List<JsonObject>
        {
            Link(url + QueryString(http.Request, query.Html ? "html" : "json", null), "self", query.Html ? "text/html" : GeoJson.MediaType, "this page"),
            Link(url + QueryString(http.Request, query.Html ? "json" : "html", null), "alternate", query.Html ? GeoJson.MediaType : "text/html", "this page in the other format"),
            Link($"{Base(http)}/collections/{c.Id}", "collection", "application/json", c.Title),
        };
        if (page.NextCursor is { } next)
            links.Add(Link(url + QueryString(http.Request, query.Html ? "html" : "json", next), "next", query.Html ? "text/html" : GeoJson.MediaType, "the next page"));
        http.Response.Headers["Content-Crs"] = $"<{query.ResponseCrs.Uri}>";
        return query.Html ? OgcHtml.Items(c, page, links) : new OgcItemsResult(page, links, clock.GetUtcNow().UtcDateTime);
    }

    private static IResult Tilesets(string collectionId, HttpContext http, IEnumerable<IOgcCollection> all)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        var url = $"{Base(http)}/collections/{c.Id}/tiles";
        return Results.Json(new JsonObject
        {
            ["links"] = new JsonArray(Link(url, "self", "application/json", "the tilesets")),
            ["tilesets"] = new JsonArray([.. OgcTiles.Sets.Select(set => (JsonNode)new JsonObject
            {
                ["title"] = $"{c.Title} ({set.Id})",
                ["dataType"] = "vector",
                ["crs"] = set.CrsUri,
                ["tileMatrixSetURI"] = set.Uri,
                ["links"] = new JsonArray(
                    Link($"{Base(http)}/tileMatrixSets/{set.Id}", "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", "application/json", "the tile matrix set"),
                    Link($"{url}/{set.Id}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}", "item", OgcTiles.MediaType, "a tile (the collection's queryables, filter and datetime filter it; properties=a,b keeps only those attributes)")),
            })]),
        });
    }

    /// <summary>One vector tile of a collection: its features in the tile's box, read as items are (access policy, audit), filtered by queryables, filter and datetime.</summary>
    private static async Task<IResult> Tile(string collectionId, string tileMatrixSetId, int z, int y, int x, HttpContext http, IEnumerable<IOgcCollection> all,
        AccessScopes access, CancellationToken ct)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        if (OgcTiles.Find(tileMatrixSetId) is not { } set) return NoTileMatrixSet(tileMatrixSetId);
        if (!set.Valid(z, x, y)) return Problems.NotFound($"There is no tile {z}/{y}/{x} in {set.Id} (levels 0–{set.MaxZoom}, 2^level rows and columns).");
        var (query, errors) = OgcItemsQuery.Parse(http.Request.Query.Where(q => q.Key is not ("f" or "properties")), c.Properties);
        // Part 6's property selection: a map that styles by two properties need not download the other twenty.
        var properties = http.Request.Query["properties"].ToString() is { Length: > 0 } p ? p.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        foreach (var unknown in properties?.Where(n => c.Properties.All(q => q.Name != n)) ?? [])
            errors.Add(new FieldError("", "unknownProperty", $"'{unknown}' is not a property of {c.Id}; use {string.Join(", ", c.Properties.Select(q => q.Name))}") { Parameter = "properties" });
        if (query is null || errors.Count > 0) return Problems.Validation(errors, "The query is not valid");
        if (query.HasDatetime && c.Temporal is null) query = query with { From = null, To = null };
        var outcome = await c.ItemsAsync(await access.CurrentAsync(ct), query with { Bbox = OgcTiles.ReadBox(set, z, x, y), Limit = OgcTiles.MaxFeatures, Cursor = null, ResponseCrs = Crs.Crs84 }, ct);
        if (outcome.Failed(out var problem, out var page)) return problem;
        if (page.NextCursor is not null) http.Response.Headers["X-Tile-Truncated"] = $"the first {OgcTiles.MaxFeatures} features";
        return Results.Bytes(OgcTiles.Encode(c.Id, set, z, x, y, page.Features, properties), OgcTiles.MediaType);
    }

    /// <summary>
    /// The whole query as a file (<c>f=geojson|csv|gpkg</c>; CSV with <c>coordinates=wkt|xy</c>): the items' filters and
    /// CRS without paging. The first page is read before the answer starts, so a bad query is still a 400; the export
    /// goes on from it, so each record is read (and audited) once.
    /// </summary>
    private static async Task<IResult> Export(string collectionId, HttpContext http, IEnumerable<IOgcCollection> all, AccessScopes access, TimeProvider clock, CancellationToken ct)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        var (query, errors) = OgcItemsQuery.Parse(http.Request.Query, c.Properties, export: true);
        if (query is null) return Problems.Validation(errors, "The query is not valid");
        if (query.HasDatetime && c.Temporal is null) query = query with { From = null, To = null };
        var scope = await access.CurrentAsync(ct);
        if ((await c.ItemsAsync(scope, OgcExport.Read(query), ct)).Failed(out var problem, out var first)) return problem;
        return new OgcExport(c, scope, query, first, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The request's own query with the format and (for a next link) the cursor set: a next page asks what this one asked.</summary>
    private static string QueryString(HttpRequest request, string format, string? cursor)
    {
        var values = request.Query.Where(q => q.Key is not ("f" or "cursor")).ToDictionary(q => q.Key, q => q.Value.ToString());
        values["f"] = format;
        if (cursor is not null) values["cursor"] = cursor;
        return QueryString(values);
    }

    private static string QueryString(IEnumerable<KeyValuePair<string, string>> values) =>
        "?" + string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));

    private static async Task<IResult> Item(string collectionId, string featureId, HttpContext http, IEnumerable<IOgcCollection> all, AccessScopes access, CancellationToken ct)
    {
        if (Find(all, collectionId) is not { } c) return NoCollection(collectionId);
        var unknown = http.Request.Query.Keys.Where(k => k is not ("crs" or "f")).ToList();
        if (unknown.Count > 0)
            return Problems.Validation([.. unknown.Select(k => new FieldError("", "unknownParameter", $"{k} is not a parameter of a feature; use crs or f") { Parameter = k })], "The query is not valid");
        if (Crs.Parse(http.Request.Query["crs"].ToString()) is not { } crs)
            return Problems.Validation([new FieldError("", "unknownCrs", $"crs is one of {Crs.SupportedList}") { Parameter = "crs" }], "The query is not valid");
        if (await c.ItemAsync(await access.CurrentAsync(ct), featureId, crs, ct) is not { } feature)
            return Problems.NotFound($"There is no feature '{featureId}' in {c.Id}.");
        var url = $"{Base(http)}/collections/{c.Id}/items/{Uri.EscapeDataString(featureId)}";
        var html = WantsHtml(http.Request);
        var links = new List<JsonObject>
        {
            Link(url + QueryString([new("f", html ? "html" : "json"), .. crs == Crs.Crs84 ? Array.Empty<KeyValuePair<string, string>>() : [new("crs", crs.Uri)]]), "self", html ? "text/html" : GeoJson.MediaType, "this feature"),
            Link(url + "?f=" + (html ? "json" : "html"), "alternate", html ? GeoJson.MediaType : "text/html", "this feature in the other format"),
            Link($"{Base(http)}/collections/{c.Id}", "collection", "application/json", c.Title),
        };
        http.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
        return html ? OgcHtml.Item(c, feature, links) : new OgcItemsResult(new OgcPage([feature], null, null), links, null, single: true);
    }
}
