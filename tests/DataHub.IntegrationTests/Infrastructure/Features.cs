using System.Globalization;

namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Builders for development Features used by the tests.</summary>
public static class Features
{
    /// <summary>The Domplein in Utrecht (GM0344, PV26).</summary>
    public static readonly (double Lon, double Lat) Domplein = (5.1214, 52.0907);

    public static JsonObject Point(string externalId, double lon = 5.1214, double lat = 52.0907, Action<JsonObject>? props = null) =>
        Feature(externalId, new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) }, props);

    public static JsonObject Square(string externalId, double lon, double lat, double halfSideDegrees, Action<JsonObject>? props = null)
    {
        double[][] ring =
        [
            [lon - halfSideDegrees, lat - halfSideDegrees], [lon + halfSideDegrees, lat - halfSideDegrees],
            [lon + halfSideDegrees, lat + halfSideDegrees], [lon - halfSideDegrees, lat + halfSideDegrees],
            [lon - halfSideDegrees, lat - halfSideDegrees],
        ];
        var coordinates = new JsonArray(new JsonArray(ring.Select(p => (JsonNode)new JsonArray(p[0], p[1])).ToArray()));
        return Feature(externalId, new JsonObject { ["type"] = "Polygon", ["coordinates"] = coordinates }, props);
    }

    public static JsonObject Feature(string externalId, JsonNode geometry, Action<JsonObject>? props = null)
    {
        var properties = new JsonObject
        {
            ["externalId"] = externalId,
            ["name"] = $"Woningbouw {externalId}",
            ["planType"] = "woonagenda",
            ["sector"] = "housing",
            ["kind"] = "newBuildHomes",
            ["assetType"] = "consumer",
            ["certainty"] = "permitted",
            ["quantities"] = new JsonArray(
                new JsonObject { ["year"] = 2027, ["value"] = 120, ["unit"] = "homes" },
                new JsonObject { ["year"] = 2029, ["value"] = 300, ["unit"] = "homes", ["min"] = 250, ["max"] = 340 }),
            ["carriers"] = new JsonArray("electricity"),
            ["source"] = new JsonObject { ["licence"] = "CC-BY-4.0", ["attribution"] = "Gemeente", ["contact"] = new JsonObject { ["name"] = "A. Planner", ["email"] = "planner@example.nl" } },
        };
        props?.Invoke(properties);
        return new JsonObject { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };
    }

    public static JsonObject Collection(IEnumerable<JsonObject> features) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.Cast<JsonNode>().ToArray()) };

    public static string Id() => Guid.NewGuid().ToString("N")[..12];

    public static string F(double d) => d.ToString(CultureInfo.InvariantCulture);
}
