using System.Text.Json.Nodes;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A collection's features as JSON Schema 2020-12 (OGC API – Features Part 5 "schemas"; GDAL takes the layer's
/// fields from it): the primary geometry and every property with its type; the queryables are the same document
/// over the filterable properties only (Part 3).
/// </summary>
public static class OgcSchema
{
    /// <summary>
    /// The schema of one item as GeoJSON (a Feature whose <c>properties</c> object holds the typed columns): what a
    /// collection's <c>describedby</c> link names, and what GDAL before 3.8 reads its field types from.
    /// </summary>
    public static JsonObject Feature(IOgcCollection c, string baseUrl)
    {
        var properties = new JsonObject();
        foreach (var q in c.Properties)
        {
            var p = new JsonObject { ["description"] = q.Description, ["type"] = q.Type };
            if (q.Format is not null) p["format"] = q.Format;
            properties[q.Name] = p;
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{baseUrl}/collections/{c.Id}/feature-schema",
            ["title"] = $"{c.Title}: one feature (GeoJSON)",
            ["type"] = "object",
            ["required"] = new JsonArray("type", "id", "geometry", "properties"),
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("Feature") },
                ["id"] = new JsonObject { ["type"] = "string" },
                ["geometry"] = new JsonObject { ["type"] = new JsonArray("object", "null"), ["description"] = $"GeoJSON geometry ({c.GeometryType})" },
                ["properties"] = new JsonObject { ["type"] = "object", ["properties"] = properties },
            },
        };
    }

    /// <summary>
    /// Part 5's format of the primary geometry: any type for mixed layers; areas may be multipart (a boundary in
    /// several pieces), so polygon layers say polygon-or-multipolygon.
    /// </summary>
    public static string GeometryFormat(string geometryType) => geometryType switch
    {
        "geometry" => "geometry-any",
        "polygon" => "geometry-polygon-or-multipolygon",
        _ => $"geometry-{geometryType}",
    };

    public static JsonObject Of(IOgcCollection c, string baseUrl, bool queryablesOnly)
    {
        var properties = new JsonObject
        {
            // In the queryables too: CQL2's spatial functions filter on it (S_INTERSECTS(geometry, …)).
            [Cql2.GeometryProperty] = new JsonObject
            {
                ["format"] = GeometryFormat(c.GeometryType), ["x-ogc-role"] = "primary-geometry",
                ["description"] = queryablesOnly ? "the feature's geometry: filter with CQL2's spatial functions" : "the feature's geometry",
            },
        };
        foreach (var q in c.Properties.Where(q => !queryablesOnly || q.Filterable))
        {
            var p = new JsonObject { ["title"] = q.Name, ["description"] = q.Description, ["type"] = q.Type };
            if (q.Format is not null) p["format"] = q.Format;
            properties[q.Name] = p;
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{baseUrl}/collections/{c.Id}/{(queryablesOnly ? "queryables" : "schema")}",
            ["type"] = "object",
            ["title"] = c.Title,
            ["description"] = queryablesOnly ? $"The properties of {c.Id} to filter on: in a CQL2 filter, or as name=value (any of comma-separated values)." : c.Description,
            ["properties"] = properties,
            ["additionalProperties"] = !queryablesOnly,
        };
    }
}
