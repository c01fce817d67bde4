using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// OGC API – Tiles over the collections: Mapbox vector tiles in the WebMercatorQuad tile matrix set, one layer per
/// collection named by its id, the features' flat properties as attributes. A tile's features come from the
/// collection's read with the tile's box, so the access policy and audit apply as to items; a tile carries at most
/// <see cref="MaxFeatures"/> features (the first by the collection's order; <c>X-Tile-Truncated</c> says so).
/// </summary>
public static class OgcTiles
{
    public const string MediaType = "application/vnd.mapbox-vector-tile";
    public const string WebMercatorQuad = "WebMercatorQuad";
    public const int MaxFeatures = OgcItemsQuery.MaxLimit;

    /// <summary>The tile's box in CRS84 (the XYZ scheme: row 0 at the north).</summary>
    public static Envelope Bounds(int z, int x, int y)
    {
        var n = Math.Pow(2, z);
        static double Lat(double row, double n) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * row / n))) * 180 / Math.PI;
        return new Envelope(x / n * 360 - 180, (x + 1) / n * 360 - 180, Lat(y + 1, n), Lat(y, n));
    }

    public static bool Valid(int z, int x, int y) => z is >= 0 and <= 22 && x >= 0 && y >= 0 && x < (1L << z) && y < (1L << z);

    /// <summary>The tile as Mapbox vector tile bytes: one layer, the features clipped to the tile with a small buffer.</summary>
    public static byte[] Encode(string layerName, int z, int x, int y, IEnumerable<OgcFeature> features)
    {
        var tile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z).Id };
        var layer = new Layer { Name = layerName };
        var bounds = Bounds(z, x, y);
        var buffered = new Envelope(bounds);
        buffered.ExpandBy(bounds.Width / 64, bounds.Height / 64);
        var clip = new GeometryFactory().ToGeometry(buffered);
        foreach (var f in features)
        {
            if (f.Geometry is null) continue;
            var geometry = f.Geometry is Point || buffered.Contains(f.Geometry.EnvelopeInternal) ? f.Geometry : Clip(f.Geometry, clip);
            if (geometry.IsEmpty) continue;
            var attributes = new NetTopologySuite.Features.AttributesTable { { "id", f.Id } };
            foreach (var (name, value) in f.Properties)
                if (value is string or int or long or double or bool) attributes.Add(name, value);
                else if (value is DateTime d) attributes.Add(name, d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            layer.Features.Add(new NetTopologySuite.Features.Feature(geometry, attributes));
        }
        tile.Layers.Add(layer);
        using var bytes = new MemoryStream();
        tile.Write(bytes, 4096, 2, 1); // extent 4096; lines under 2 and areas under 1 tile unit are left out
        return bytes.ToArray();
    }

    /// <summary>The part of a geometry in the tile; an invalid one that cannot be intersected goes whole (the tile's renderer clips it).</summary>
    private static Geometry Clip(Geometry geometry, Geometry tile)
    {
        try { return geometry.Intersection(tile); }
        catch (TopologyException) { return geometry; }
    }

    /// <summary>The tile matrix set's description (OGC Two Dimensional Tile Matrix Set: the well-known WebMercatorQuad).</summary>
    public static JsonObject TileMatrixSet(string baseUrl) => new()
    {
        ["id"] = WebMercatorQuad,
        ["title"] = "Google Maps Compatible for the World",
        ["uri"] = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad",
        ["crs"] = "http://www.opengis.net/def/crs/EPSG/0/3857",
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"{baseUrl}/tileMatrixSets/{WebMercatorQuad}", ["rel"] = "self", ["type"] = "application/json" }),
    };
}
