using System.Text.Json;
using DataHub.Api.Features.Developments;
using DataHub.Api.Operations;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;
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

    /// <summary>One generated development: its geometry (CRS84, coordinates rounded to 6 decimals) and properties.</summary>
    public sealed record Generated(int N, Geometry Geometry, string PlanType, string Sector, string Kind, string AssetType, string Certainty,
        IReadOnlyList<Quantity> Quantities, AreaInfo Municipality);

    public static IEnumerable<Generated> Generate(int points, int polygons, int seed)
    {
        var random = new Random(seed);
        var municipalities = AreaCatalogue.Instance.Municipalities
            .Select(m => (Area: m, Prepared: PreparedGeometryFactory.Prepare(m.Boundary), Weight: m.BoundaryRd.Area)).ToArray();
        var cumulative = new double[municipalities.Length];
        var total = 0.0;
        for (var i = 0; i < municipalities.Length; i++) cumulative[i] = total += municipalities[i].Weight;
        var factory = CrsTransform.Crs84Factory;
        for (var n = 0; n < points + polygons; n++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var m = municipalities[index < 0 ? ~index : index];
            var (lon, lat) = PointIn(random, m.Area, m.Prepared);
            var t = Templates[random.Next(Templates.Length)];
            Geometry geometry;
            if (n < points) geometry = factory.CreatePoint(new Coordinate(Math.Round(lon, 6), Math.Round(lat, 6)));
            else
            {
                var half = (50 + random.NextDouble() * 350) / 111_320.0;
                var halfLon = half / Math.Cos(lat * Math.PI / 180);
                geometry = factory.CreatePolygon([.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1) }
                    .Select(d => new Coordinate(Math.Round(lon + d.Item1 * halfLon, 6), Math.Round(lat + d.Item2 * half, 6)))]);
            }
            var certainty = CodeLists.Certainties[random.Next(CodeLists.Certainties.Length)];
            var start = 2025 + random.Next(12);
            var size = Math.Round(t.Min + random.NextDouble() * (t.Max - t.Min), 1);
            var quantities = Enumerable.Range(0, 3).Select(y => new Quantity(start + 2 * y, Math.Round(size * (y + 1) / 3, 1), t.Unit)).ToList();
            yield return new Generated(n, geometry, t.PlanType, t.Sector, t.Kind, t.Asset, certainty, quantities, m.Area);
        }
    }

    public static long Write(string path, int points, int polygons, int seed)
    {
        using (var stream = File.Create(path))
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var g in Generate(points, polygons, seed))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("geometry");
                w.WriteString("type", g.Geometry.GeometryType);
                w.WriteStartArray("coordinates");
                if (g.Geometry is Point p) { w.WriteNumberValue(p.X); w.WriteNumberValue(p.Y); }
                else
                {
                    w.WriteStartArray();
                    foreach (var c in g.Geometry.Coordinates) { w.WriteStartArray(); w.WriteNumberValue(c.X); w.WriteNumberValue(c.Y); w.WriteEndArray(); }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("externalId", $"bench-{g.N}");
                w.WriteString("name", $"{g.Kind} {g.Municipality.Name} {g.N}");
                w.WriteString("planType", g.PlanType);
                w.WriteString("sector", g.Sector);
                w.WriteString("kind", g.Kind);
                w.WriteString("assetType", g.AssetType);
                w.WriteString("certainty", g.Certainty);
                w.WriteString("visibility", "public");
                w.WriteStartArray("quantities");
                foreach (var q in g.Quantities)
                {
                    w.WriteStartObject();
                    w.WriteNumber("year", q.Year);
                    w.WriteNumber("value", q.Value);
                    w.WriteString("unit", q.Unit);
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
