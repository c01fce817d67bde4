using System.Text.Json;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries.Prepared;

namespace DataHub.Bench;

/// <summary>
/// The synthetic national data set: developments spread over all 342 municipalities in proportion to their area,
/// of every plan type, sector and certainty, with plausible sizes. Points are placed inside their municipality;
/// polygons are squares of 100–800 m. Deterministic for a seed.
/// </summary>
public static class NationalDevelopments
{
    private static readonly (string PlanType, string Sector, string Kind, string Asset, string Unit, double Min, double Max)[] Templates =
    [
        ("woonagenda", "housing", "newBuildHomes", "consumer", "homes", 20, 2500),
        ("RES", "renewableGeneration", "solarPark", "producer", "MWp", 2, 80),
        ("RES", "renewableGeneration", "rooftopSolar", "producer", "MWp", 0.1, 10),
        ("RES", "renewableGeneration", "windTurbine", "producer", "MW", 3, 30),
        ("RAL", "mobility", "chargingHub", "consumer", "chargingPoints", 4, 60),
        ("TVW", "heat", "heatNetwork", "transport", "connections", 100, 5000),
        ("CES", "industry", "electrification", "consumer", "MW", 1, 80),
        ("other", "businessPark", "businessPark", "consumer", "hectares", 2, 60),
        ("other", "utilityBuildings", "utilityBuilding", "consumer", "m2", 1000, 40000),
    ];

    public static long Write(string path, int points, int polygons, int seed)
    {
        var random = new Random(seed);
        var municipalities = AreaCatalogue.Instance.Municipalities
            .Select(m => (Area: m, Prepared: PreparedGeometryFactory.Prepare(m.Boundary), Weight: m.BoundaryRd.Area)).ToArray();
        var cumulative = new double[municipalities.Length];
        var total = 0.0;
        for (var i = 0; i < municipalities.Length; i++) cumulative[i] = total += municipalities[i].Weight;

        using (var stream = File.Create(path))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            for (var n = 0; n < points + polygons; n++)
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                var m = municipalities[index < 0 ? ~index : index];
                var (lon, lat) = PointIn(random, m.Area, m.Prepared);
                var t = Templates[random.Next(Templates.Length)];
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("geometry");
                if (n < points)
                {
                    w.WriteString("type", "Point");
                    w.WriteStartArray("coordinates"); w.WriteNumberValue(Math.Round(lon, 6)); w.WriteNumberValue(Math.Round(lat, 6)); w.WriteEndArray();
                }
                else
                {
                    var half = (50 + random.NextDouble() * 350) / 111_320.0;
                    var halfLon = half / Math.Cos(lat * Math.PI / 180);
                    w.WriteString("type", "Polygon");
                    w.WriteStartArray("coordinates");
                    w.WriteStartArray();
                    foreach (var (dx, dy) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) })
                    {
                        w.WriteStartArray(); w.WriteNumberValue(Math.Round(lon + dx * halfLon, 6)); w.WriteNumberValue(Math.Round(lat + dy * half, 6)); w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("externalId", $"bench-{n}");
                w.WriteString("name", $"{t.Kind} {m.Area.Name} {n}");
                w.WriteString("planType", t.PlanType);
                w.WriteString("sector", t.Sector);
                w.WriteString("kind", t.Kind);
                w.WriteString("assetType", t.Asset);
                w.WriteString("certainty", DevelopmentCodes.Certainties[random.Next(DevelopmentCodes.Certainties.Length)]);
                w.WriteString("visibility", "public");
                var start = 2025 + random.Next(12);
                var size = Math.Round(t.Min + random.NextDouble() * (t.Max - t.Min), 1);
                w.WriteStartArray("quantities");
                for (var y = 0; y < 3; y++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("year", start + 2 * y);
                    w.WriteNumber("value", Math.Round(size * (y + 1) / 3, 1));
                    w.WriteString("unit", t.Unit);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("carriers"); w.WriteStringValue("electricity"); w.WriteEndArray();
                w.WriteStartObject("source"); w.WriteString("licence", "CC0-1.0"); w.WriteString("attribution", "DataHub benchmark"); w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return new FileInfo(path).Length;
    }

    private static (double Lon, double Lat) PointIn(Random random, AreaInfo area, IPreparedGeometry prepared)
    {
        var env = area.Boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var lon = env.MinX + random.NextDouble() * env.Width;
            var lat = env.MinY + random.NextDouble() * env.Height;
            if (prepared.Contains(CrsTransform.Crs84Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat)))) return (lon, lat);
        }
        var c = area.Boundary.InteriorPoint.Coordinate;
        return (c.X, c.Y);
    }
}
