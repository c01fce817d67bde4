using NetTopologySuite.Geometries;

namespace DataHub.Api.Spatial;

/// <summary>
/// Reads a GeoJSON geometry (Point, LineString, Polygon, MultiPolygon) in a given CRS into a CRS84 NTS geometry,
/// reporting every problem with the JSON pointer of the offending coordinate or ring.
/// Written by hand rather than with NetTopologySuite.IO.GeoJSON4STJ's converter because that converter
/// throws on the first problem without a location, and the exchange standard promises per-coordinate pointers.
/// </summary>
public static class GeoJsonGeometryReader
{
    public const int MaxVertices = 100_000;

    /// <summary>Largest extent accepted for one development, in metres in RD New (a province is ~150 km across).</summary>
    public const double MaxExtentMetres = 400_000;

    public static Geometry? Read(JsonElement element, Crs crs, ErrorCollector errors, string pointer = "/geometry")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(pointer, "required", "geometry must be a GeoJSON geometry object");
            return null;
        }
        if (!element.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
        {
            errors.Add(pointer + "/type", "required", "geometry type is required");
            return null;
        }
        if (!element.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
        {
            errors.Add(pointer + "/coordinates", "required", "geometry coordinates must be an array");
            return null;
        }

        var reader = new Reader(crs, errors);
        var cp = pointer + "/coordinates";
        var type = typeEl.GetString();
        Geometry? geometry = type switch
        {
            "Point" => reader.Point(coords, cp),
            "LineString" => reader.LineString(coords, cp),
            "Polygon" => reader.Polygon(coords, cp),
            "MultiPolygon" => reader.MultiPolygon(coords, cp),
            _ => reader.Unsupported(type, pointer + "/type"),
        };
        if (geometry is null || reader.Failed) return null;
        return Check(geometry, errors, pointer);
    }

    /// <summary>Checks a parsed CRS84 geometry: vertex count, validity, size; normalises ring orientation.</summary>
    public static Geometry? Check(Geometry geometry, ErrorCollector errors, string pointer)
    {
        if (geometry.NumPoints > MaxVertices)
        {
            errors.Add(pointer, "tooManyVertices", $"geometry has {geometry.NumPoints} vertices; at most {MaxVertices} are accepted");
            return null;
        }
        if (!geometry.IsValid)
        {
            var reason = new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError;
            errors.Add(pointer, "invalidGeometry",
                $"geometry is not valid: {reason?.Message ?? "unknown"}" +
                (reason?.Coordinate is { } c ? $" at ({c.X.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)} {c.Y.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)}) in CRS84" : ""));
            return null;
        }
        // The extent in metres, from the CRS84 envelope (accurate to a few per cent at Dutch latitudes, ample for a limit).
        var env = geometry.EnvelopeInternal;
        var widthM = env.Width * 111_320 * Math.Cos(env.Centre.Y * Math.PI / 180);
        var heightM = env.Height * 110_574;
        if (widthM > MaxExtentMetres || heightM > MaxExtentMetres)
        {
            errors.Add(pointer, "tooLarge", $"geometry spans {widthM / 1000:0} × {heightM / 1000:0} km; at most {MaxExtentMetres / 1000:0} km is accepted");
            return null;
        }
        // RFC 7946: exterior rings counter-clockwise, holes clockwise. Normalise rather than reject.
        var normalised = geometry;
        if (normalised is Polygon p) normalised = OrientRfc7946(p);
        else if (normalised is MultiPolygon mp)
            normalised = mp.Factory.CreateMultiPolygon(mp.Geometries.Cast<Polygon>().Select(OrientRfc7946).ToArray());
        normalised.SRID = 4326;
        return normalised;
    }

    private static Polygon OrientRfc7946(Polygon p)
    {
        var shell = p.Shell.IsCCW ? p.Shell : (LinearRing)p.Shell.Reverse();
        var holes = p.Holes.Select(h => h.IsCCW ? (LinearRing)h.Reverse() : h).ToArray();
        return p.Factory.CreatePolygon(shell, holes);
    }

    private sealed class Reader(Crs crs, ErrorCollector errors)
    {
        private readonly GeometryFactory _f = CrsTransform.Crs84Factory;
        public bool Failed { get; private set; }

        private void Fail(string pointer, string code, string message)
        {
            Failed = true;
            errors.Add(pointer, code, message);
        }

        public Geometry? Unsupported(string? type, string pointer)
        {
            Fail(pointer, "unsupportedGeometryType",
                $"geometry type '{type}' is not accepted; use Point, LineString, Polygon or MultiPolygon");
            return null;
        }

        private Coordinate? Position(JsonElement el, string pointer)
        {
            if (el.ValueKind != JsonValueKind.Array || el.GetArrayLength() is < 2 or > 3)
            {
                Fail(pointer, "invalidPosition", "a position is an array of 2 (or 3) numbers");
                return null;
            }
            var a = Number(el[0], pointer + "/0");
            var b = Number(el[1], pointer + "/1");
            if (el.GetArrayLength() == 3) Number(el[2], pointer + "/2");
            if (a is null || b is null) return null;
            var ext = crs.NetherlandsExtent;
            var (x, y) = crs.LatLonAxisOrder ? (b.Value, a.Value) : (a.Value, b.Value);
            if (!ext.Contains(x, y))
            {
                Fail(pointer, "outsideNetherlands",
                    $"position ({Fmt(a.Value)}, {Fmt(b.Value)}) lies outside the Netherlands for {crs.ShortName}" +
                    (crs.IsRdNew ? "" : (Math.Abs(a.Value) > 180 || Math.Abs(b.Value) > 90
                        ? "; these look like projected coordinates: state the CRS with Content-Crs (e.g. EPSG:28992)"
                        : "")));
                return null;
            }
            var (lon, lat) = CrsTransform.ToCrs84(crs, a.Value, b.Value);
            return new Coordinate(lon, lat);
        }

        private double? Number(JsonElement el, string pointer)
        {
            if (el.ValueKind != JsonValueKind.Number || !el.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                Fail(pointer, "invalidNumber", "a coordinate must be a finite number");
                return null;
            }
            return d;
        }

        private Coordinate[]? Positions(JsonElement el, string pointer, int min, string what)
        {
            if (el.ValueKind != JsonValueKind.Array)
            {
                Fail(pointer, "invalidCoordinates", $"{what} must be an array of positions");
                return null;
            }
            var n = el.GetArrayLength();
            if (n > MaxVertices)
            {
                Fail(pointer, "tooManyVertices", $"{what} has {n} positions; at most {MaxVertices} are accepted");
                return null;
            }
            var result = new Coordinate[n];
            var ok = true;
            for (var i = 0; i < n; i++)
            {
                var c = Position(el[i], $"{pointer}/{i}");
                if (c is null) ok = false; else result[i] = c;
            }
            if (!ok) return null;
            if (n < min)
            {
                Fail(pointer, "tooFewPositions", $"{what} needs at least {min} positions, got {n}");
                return null;
            }
            return result;
        }

        public Point? Point(JsonElement el, string pointer) =>
            Position(el, pointer) is { } c ? _f.CreatePoint(c) : null;

        public LineString? LineString(JsonElement el, string pointer) =>
            Positions(el, pointer, 2, "a LineString") is { } cs ? _f.CreateLineString(cs) : null;

        private LinearRing? Ring(JsonElement el, string pointer)
        {
            var cs = Positions(el, pointer, 4, "a linear ring");
            if (cs is null) return null;
            if (!cs[0].Equals2D(cs[^1]))
            {
                Fail(pointer, "ringNotClosed", "a linear ring must end with its first position");
                return null;
            }
            return _f.CreateLinearRing(cs);
        }

        public Polygon? Polygon(JsonElement el, string pointer)
        {
            if (el.ValueKind != JsonValueKind.Array || el.GetArrayLength() == 0)
            {
                Fail(pointer, "invalidCoordinates", "a Polygon is a non-empty array of linear rings");
                return null;
            }
            var rings = new List<LinearRing>();
            var ok = true;
            for (var i = 0; i < el.GetArrayLength(); i++)
            {
                var r = Ring(el[i], $"{pointer}/{i}");
                if (r is null) ok = false; else rings.Add(r);
            }
            return ok ? _f.CreatePolygon(rings[0], rings.Skip(1).ToArray()) : null;
        }

        public MultiPolygon? MultiPolygon(JsonElement el, string pointer)
        {
            if (el.ValueKind != JsonValueKind.Array || el.GetArrayLength() == 0)
            {
                Fail(pointer, "invalidCoordinates", "a MultiPolygon is a non-empty array of polygons");
                return null;
            }
            var polygons = new List<Polygon>();
            var ok = true;
            for (var i = 0; i < el.GetArrayLength(); i++)
            {
                var p = Polygon(el[i], $"{pointer}/{i}");
                if (p is null) ok = false; else polygons.Add(p);
            }
            return ok ? _f.CreateMultiPolygon(polygons.ToArray()) : null;
        }

        private static string Fmt(double d) => d.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
    }
}
