using System.Text.Json.Nodes;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// The OGC API's own OpenAPI 3.0 document (its <c>service-desc</c>): the landing page, conformance, collections and
/// their items with OGC's parameter names. Kept apart from the REST API's document, whose rules (lowerCamelCase
/// query keys) OGC's names (<c>bbox-crs</c>) do not follow.
/// </summary>
public static class OgcOpenApi
{
    public const string MediaType = "application/vnd.oai.openapi+json;version=3.0";

    private static JsonObject Parameter(string name, string description, JsonObject schema, string @in = "query", bool required = false) => new()
    {
        ["name"] = name, ["in"] = @in, ["required"] = required, ["description"] = description, ["schema"] = schema,
        ["style"] = "form", ["explode"] = false,
    };

    private static JsonObject Text() => new() { ["type"] = "string" };

    private static JsonObject Get(string summary, string operationId, JsonArray parameters, string mediaType) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary, ["operationId"] = operationId, ["tags"] = new JsonArray("OGC API Features"), ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = summary, ["content"] = new JsonObject { [mediaType] = new JsonObject(), ["text/html"] = new JsonObject() } },
                ["400"] = new JsonObject { ["description"] = "An unknown or invalid parameter", ["content"] = new JsonObject { [Problems.ContentType] = new JsonObject() } },
                ["404"] = new JsonObject { ["description"] = "No such collection or feature (or not one the caller may see)", ["content"] = new JsonObject { [Problems.ContentType] = new JsonObject() } },
            },
        },
    };

    /// <summary>The document, with a path per collection's items listing its queryables (GDAL sends a filter to the server only for a parameter it finds there).</summary>
    public static JsonObject Document(string baseUrl, IEnumerable<IOgcCollection> collections)
    {
        JsonObject F() => Parameter("f", "the format: json or html", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("json", "html") });
        JsonObject Crs() => Parameter("crs", "the CRS of the response geometries", new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = new JsonArray([.. Spatial.Crs.All.Select(c => (JsonNode)c.Uri)]) });
        JsonObject CollectionId() => Parameter("collectionId", "a collection's id", Text(), "path", true);
        IEnumerable<JsonObject> ItemParameters() =>
        [
            Parameter("limit", $"page size; larger values are served as {OgcItemsQuery.MaxLimit}", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = OgcItemsQuery.MaxLimit, ["default"] = OgcItemsQuery.DefaultLimit }),
            Parameter("bbox", "minX,minY,maxX,maxY in bbox-crs", new JsonObject { ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 6, ["items"] = new JsonObject { ["type"] = "number" } }),
            Parameter("bbox-crs", "the CRS of bbox (default CRS84)", new JsonObject { ["type"] = "string", ["format"] = "uri" }),
            Parameter("datetime", "an instant or interval (RFC 3339, '..' for an open end)", Text()),
            Crs(),
            Parameter("cursor", "where the page starts; take it from a next link", Text()),
            Parameter("filter", "a CQL2 text filter on the queryables and geometry (Part 3): comparisons, AND/OR/NOT, LIKE, BETWEEN, IN, IS NULL, S_INTERSECTS and the other spatial functions", Text()),
            // "cql-text" is the draft's name, which GDAL before 3.7 looks for before it sends a filter to the server.
            Parameter("filter-lang", "the language of filter", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Cql2.Languages.Select(l => (JsonNode)l)]), ["default"] = "cql2-text" }),
            Parameter("filter-crs", "the CRS of the filter's geometry literals (default CRS84)", new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = new JsonArray([.. Spatial.Crs.All.Select(c => (JsonNode)c.Uri)]) }),
            F(),
        ];
        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "DataHub OGC API Features", ["version"] = HttpPipeline.ApiVersion,
                ["description"] = "OGC API – Features Parts 1 and 2, and Part 3: queryables as query parameters and CQL2 text filters. Bearer tokens as in the REST API; without one, public records only.",
                ["contact"] = new JsonObject { ["name"] = "DataHub", ["url"] = baseUrl },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = baseUrl }),
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
            ["security"] = new JsonArray(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                ["/"] = Get("The landing page", "getLandingPage", [F()], "application/json"),
                ["/conformance"] = Get("The conformance classes implemented", "getConformance", [F()], "application/json"),
                ["/collections"] = Get("The collections", "getCollections", [F()], "application/json"),
                ["/collections/{collectionId}"] = Get("A collection", "describeCollection", [CollectionId(), F()], "application/json"),
                ["/collections/{collectionId}/schema"] = Get("The schema of a collection's features", "getSchema", [CollectionId()], "application/schema+json"),
                ["/collections/{collectionId}/queryables"] = Get("The properties of a collection to filter on", "getQueryables", [CollectionId()], "application/schema+json"),
                ["/collections/{collectionId}/feature-schema"] = Get("The schema of one of a collection's features as GeoJSON", "getFeatureSchema", [CollectionId()], "application/schema+json"),
                ["/collections/{collectionId}/items"] = Get("A collection's features, a page at a time", "getFeatures",
                    [CollectionId(), .. ItemParameters()], Http.GeoJson.MediaType),
                ["/collections/{collectionId}/items/{featureId}"] = Get("One feature", "getFeature",
                    [CollectionId(), Parameter("featureId", "the feature's id", Text(), "path", true), Crs(), F()], Http.GeoJson.MediaType),
            },
        };
        var paths = document["paths"]!.AsObject();
        foreach (var c in collections)
            paths[$"/collections/{c.Id}/items"] = Get($"{c.Title}: the features, a page at a time", $"getFeatures_{c.Id.Replace('-', '_')}",
            [
                .. ItemParameters(),
                .. c.Properties.Where(q => q.Filterable).Select(q => Parameter(q.Name, $"{q.Description}; any of comma-separated values", new JsonObject { ["type"] = q.Type })),
            ], Http.GeoJson.MediaType);
        return document;
    }
}
