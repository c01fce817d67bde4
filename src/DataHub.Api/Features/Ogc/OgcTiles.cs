using System.Text.Json.Nodes;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A tile matrix set (OGC Two Dimensional Tile Matrix Set 2.0): square tiles of 256 pixels from a top-left origin,
/// each level halving the cell size. <c>WebMercatorQuad</c> is the web's grid; <c>NetherlandsRDNewQuad</c> is the Dutch
/// one in RD New (Geonovum's tiling guideline, PDOK's tiles), which Dutch base maps and the hub's map use.
/// </summary>
public sealed record OgcTileMatrixSet(string Id, string Title, string Uri, Crs? Crs, string CrsUri, double OriginX, double OriginY, double Level0CellSize, int MaxZoom, string? WellKnownScaleSet)
{
    /// <summary>The tile's box in the set's CRS (metres: EPSG:3857 or RD New).</summary>
    public Envelope TileBox(int z, int x, int y)
    {
        var span = Level0CellSize * 256 / (1L << z);
        return new Envelope(OriginX + x * span, OriginX + (x + 1) * span, OriginY - (y + 1) * span, OriginY - y * span);
    }

    public bool Valid(int z, int x, int y) => z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < (1L << z) && y < (1L << z);
}

/// <summary>
/// OGC API – Tiles over the collections: Mapbox vector tiles in <see cref="WebMercator"/> and <see cref="NetherlandsRd"/>,
/// one layer per collection named by its id, the features' flat properties as attributes. A tile's features come
/// from the collection's read with the tile's box, so the access policy and audit apply as to items; a tile carries
/// at most <see cref="MaxFeatures"/> features (the first by the collection's order; <c>X-Tile-Truncated</c> says so).
/// </summary>
public static class OgcTiles
{
    public const string MediaType = "application/vnd.mapbox-vector-tile";
    public const int MaxFeatures = OgcItemsQuery.MaxLimit;
    private const double MercatorHalf = 20037508.3427892;

    public static readonly OgcTileMatrixSet WebMercator = new("WebMercatorQuad", "Google Maps Compatible for the World",
        "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", null, "http://www.opengis.net/def/crs/EPSG/0/3857",
        -MercatorHalf, MercatorHalf, 2 * MercatorHalf / 256, 22, "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");

    public static readonly OgcTileMatrixSet NetherlandsRd = new("NetherlandsRDNewQuad", "Amersfoort / RD New scheme for the Netherlands",
        "http://www.opengis.net/def/tilematrixset/OGC/1.0/NetherlandsRDNewQuad", Crs.RdNew, Crs.RdNew.Uri,
        -285401.92, 903401.92, 3440.64, 16, "urn:ogc:def:wkss:OGC:1.0:NLDEPSG28992Scale");

    public static readonly IReadOnlyList<OgcTileMatrixSet> Sets = [WebMercator, NetherlandsRd];

    public static OgcTileMatrixSet? Find(string id) => Sets.FirstOrDefault(s => s.Id == id);

    /// <summary>The box in CRS84 to read a tile's features with: around the tile and its buffer.</summary>
    public static Envelope ReadBox(OgcTileMatrixSet set, int z, int x, int y)
    {
        var box = Buffered(set.TileBox(z, x, y));
        if (set.Crs is null) return new Envelope(Lon(box.MinX), Lon(box.MaxX), Lat(box.MinY), Lat(box.MaxY));
        // An RD box's edges bow in CRS84: the envelope of the edges, densified, holds the whole tile.
        var ring = new List<Coordinate>();
        for (var i = 0; i <= 8; i++)
        {
            var f = i / 8.0;
            ring.AddRange([new(box.MinX + f * box.Width, box.MinY), new(box.MaxX, box.MinY + f * box.Height), new(box.MaxX - f * box.Width, box.MaxY), new(box.MinX, box.MaxY - f * box.Height)]);
        }
        return CrsTransform.ToCrs84(set.Crs, new GeometryFactory().CreateMultiPointFromCoords([.. ring])).EnvelopeInternal;
    }

    private static Envelope Buffered(Envelope tile)
    {
        var buffered = new Envelope(tile);
        buffered.ExpandBy(tile.Width / 64, tile.Height / 64);
        return buffered;
    }

    private static double Lon(double mercatorX) => mercatorX / MercatorHalf * 180;
    private static double Lat(double mercatorY) => Math.Atan(Math.Sinh(mercatorY / MercatorHalf * Math.PI)) * 180 / Math.PI;
    private static double MercatorY(double lat) => Math.Log(Math.Tan((90 + lat) * Math.PI / 360)) / Math.PI * MercatorHalf;

    /// <summary>
    /// The tile as Mapbox vector tile bytes: one layer, the features (in CRS84) clipped to the tile with a small
    /// buffer, with their id and their properties (only <paramref name="properties"/> when given).
    /// </summary>
    public static byte[] Encode(string layerName, OgcTileMatrixSet set, int z, int x, int y, IEnumerable<OgcFeature> features, IReadOnlyCollection<string>? properties = null)
    {
        var tile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z).Id };
        var layer = new Layer { Name = layerName };
        var box = set.TileBox(z, x, y);
        var buffered = Buffered(box);
        var clip = new GeometryFactory().ToGeometry(buffered);
        foreach (var f in features)
        {
            if (f.Geometry is null) continue;
            var projected = set.Crs is null ? Map(f.Geometry, c => new Coordinate(c.X / 180 * MercatorHalf, MercatorY(c.Y))) : CrsTransform.FromCrs84(set.Crs, f.Geometry);
            if (!buffered.Intersects(projected.EnvelopeInternal)) continue;
            var inTile = buffered.Contains(projected.EnvelopeInternal) ? projected : Clip(projected, clip);
            if (inTile.IsEmpty) continue;
            // NetTopologySuite's encoder knows one grid: it places a longitude/latitude on WebMercatorQuad tile z/x/y.
            // Each point is handed to it as the longitude/latitude that lands on the same pixel of that tile as the
            // point has in this set's tile (for WebMercatorQuad itself: the point's own), so one encoder serves both grids.
            var wm = WebMercator.TileBox(z, x, y);
            var forEncoder = Map(inTile, c => new Coordinate(
                Lon(wm.MinX + (c.X - box.MinX) / box.Width * wm.Width),
                Lat(wm.MaxY - (box.MaxY - c.Y) / box.Height * wm.Height)));
            var attributes = new NetTopologySuite.Features.AttributesTable { { "id", f.Id } };
            foreach (var (name, value) in f.Properties)
                if (properties is not null && !properties.Contains(name)) continue;
                else if (value is string or int or long or double or bool) attributes.Add(name, value);
                else if (value is DateTime d) attributes.Add(name, d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            layer.Features.Add(new NetTopologySuite.Features.Feature(forEncoder, attributes));
        }
        tile.Layers.Add(layer);
        using var bytes = new MemoryStream();
        // 4096 units a side; lines shorter than 1 unit and areas smaller than 2 square units are left out. (Named: the
        // overload's order is minLineal, minPolygonal, extent, and positional 4096, 2, 1 once gave a 1-unit tile.)
        tile.Write(bytes, minLinealExtent: 1, minPolygonalExtent: 2, extent: 4096);
        return bytes.ToArray();
    }

    private static Geometry Map(Geometry source, Func<Coordinate, Coordinate> map) => CrsTransform.Map(source, source.Factory, map);

    /// <summary>The part of a geometry in the tile; an invalid one that cannot be intersected goes whole (the tile's renderer clips it).</summary>
    private static Geometry Clip(Geometry geometry, Geometry tile)
    {
        try { return geometry.Intersection(tile); }
        catch (TopologyException) { return geometry; }
    }

    /// <summary>The tile matrix set's definition (OGC Two Dimensional Tile Matrix Set 2.0, JSON): every level's scale, cell size, origin and size.</summary>
    public static JsonObject Describe(OgcTileMatrixSet set, string baseUrl, bool withMatrices = true)
    {
        var doc = new JsonObject
        {
            ["id"] = set.Id,
            ["title"] = set.Title,
            ["uri"] = set.Uri,
            ["crs"] = set.CrsUri,
            ["links"] = new JsonArray(new JsonObject { ["href"] = $"{baseUrl}/tileMatrixSets/{set.Id}", ["rel"] = "self", ["type"] = "application/json", ["title"] = set.Title }),
        };
        if (!withMatrices) return doc;
        doc["wellKnownScaleSet"] = set.WellKnownScaleSet;
        doc["orderedAxes"] = set.Crs is null ? new JsonArray("X", "Y") : new JsonArray("x", "y");
        doc["tileMatrices"] = new JsonArray([.. Enumerable.Range(0, set.MaxZoom + 1).Select(z =>
        {
            var cell = set.Level0CellSize / (1L << z);
            return (JsonNode)new JsonObject
            {
                ["id"] = z.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["scaleDenominator"] = cell / 0.00028, // the standard 0.28 mm pixel
                ["cellSize"] = cell,
                ["cornerOfOrigin"] = "topLeft",
                ["pointOfOrigin"] = new JsonArray(set.OriginX, set.OriginY),
                ["tileWidth"] = 256, ["tileHeight"] = 256,
                ["matrixWidth"] = 1L << z, ["matrixHeight"] = 1L << z,
            };
        })]);
        return doc;
    }
}
