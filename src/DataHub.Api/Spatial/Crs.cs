using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace DataHub.Api.Spatial;

/// <summary>A coordinate reference system the hub accepts and offers (Dutch geospatial API module).</summary>
public sealed record Crs(string Uri, string ShortName, bool LatLonAxisOrder, Envelope NetherlandsExtent)
{
    public static readonly Crs Crs84 = new(
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84", false,
        new Envelope(2.0, 7.6, 50.5, 55.9));

    /// <summary>ETRS89 with its EPSG axis order (latitude, longitude). Treated as equal to WGS 84:
    /// the ~0.8 m drift between the two is below the precision of planning data.</summary>
    public static readonly Crs Etrs89 = new(
        "http://www.opengis.net/def/crs/EPSG/0/4258", "EPSG:4258", true,
        new Envelope(2.0, 7.6, 50.5, 55.9));

    /// <summary>RD New (Amersfoort / RD New), metres. The extent includes the Dutch part of the North Sea.</summary>
    public static readonly Crs RdNew = new(
        "http://www.opengis.net/def/crs/EPSG/0/28992", "EPSG:28992", false,
        new Envelope(-100_000, 300_000, 280_000, 870_000));

    public static readonly IReadOnlyList<Crs> All = [Crs84, Etrs89, RdNew];

    public bool IsRdNew => ReferenceEquals(this, RdNew);

    /// <summary>Parses a CRS from its URI, its EPSG short form or a bare "CRS84"; null when unknown.</summary>
    public static Crs? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Crs84;
        var v = value.Trim().Trim('<', '>');
        foreach (var crs in All)
        {
            if (string.Equals(v, crs.Uri, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(v, crs.ShortName, StringComparison.OrdinalIgnoreCase))
                return crs;
        }
        return v.ToUpperInvariant() switch
        {
            "EPSG:28992" or "URN:OGC:DEF:CRS:EPSG::28992" => RdNew,
            "EPSG:4258" or "URN:OGC:DEF:CRS:EPSG::4258" => Etrs89,
            "OGC:CRS84" or "URN:OGC:DEF:CRS:OGC:1.3:CRS84" => Crs84,
            _ => null,
        };
    }

    public static string SupportedList => string.Join(", ", All.Select(c => c.Uri));
}

/// <summary>Transforms between CRS84 (storage) and the other supported CRSs.</summary>
public static class CrsTransform
{
    // Amersfoort / RD New with the 7-parameter datum shift to WGS 84 (EPSG:15739-style TOWGS84):
    // sub-metre agreement with RDNAPTRANS for planning-scale data.
    internal const string RdNewWkt =
        "PROJCS[\"Amersfoort / RD New\",GEOGCS[\"Amersfoort\",DATUM[\"Amersfoort\"," +
        "SPHEROID[\"Bessel 1841\",6377397.155,299.1528128,AUTHORITY[\"EPSG\",\"7004\"]]," +
        "TOWGS84[565.2369,50.0087,465.658,-0.406857,0.350733,-1.87035,4.0812],AUTHORITY[\"EPSG\",\"6289\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AUTHORITY[\"EPSG\",\"4289\"]],PROJECTION[\"Oblique_Stereographic\"]," +
        "PARAMETER[\"latitude_of_origin\",52.15616055555555],PARAMETER[\"central_meridian\",5.38763888888889]," +
        "PARAMETER[\"scale_factor\",0.9999079],PARAMETER[\"false_easting\",155000],PARAMETER[\"false_northing\",463000]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"X\",EAST],AXIS[\"Y\",NORTH],AUTHORITY[\"EPSG\",\"28992\"]]";

    private static readonly MathTransform ToRd;
    private static readonly MathTransform FromRd;

    static CrsTransform()
    {
        var factory = new CoordinateTransformationFactory();
        var rd = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(RdNewWkt);
        ToRd = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, rd).MathTransform;
        FromRd = factory.CreateFromCoordinateSystems(rd, GeographicCoordinateSystem.WGS84).MathTransform;
    }

    public static readonly GeometryFactory Crs84Factory = new(new PrecisionModel(), 4326);
    public static readonly GeometryFactory RdFactory = new(new PrecisionModel(), 28992);

    /// <summary>Converts an x/y pair given in <paramref name="crs"/> (in that CRS's axis order) to CRS84 lon/lat.</summary>
    public static (double Lon, double Lat) ToCrs84(Crs crs, double a, double b)
    {
        if (crs.IsRdNew)
        {
            var (lon, lat) = FromRd.Transform(a, b);
            return (lon, lat);
        }
        return crs.LatLonAxisOrder ? (b, a) : (a, b);
    }

    /// <summary>Converts CRS84 lon/lat to the coordinate pair of <paramref name="crs"/>, in its axis order.</summary>
    public static (double A, double B) FromCrs84(Crs crs, double lon, double lat)
    {
        if (crs.IsRdNew) return ToRd.Transform(lon, lat);
        return crs.LatLonAxisOrder ? (lat, lon) : (lon, lat);
    }

    /// <summary>Returns a copy of a CRS84 geometry in RD New (for areas, lengths and distances in metres).</summary>
    public static Geometry ToRdNew(Geometry crs84) => Map(crs84, RdFactory, c =>
    {
        var (x, y) = ToRd.Transform(c.X, c.Y);
        return new Coordinate(x, y);
    });

    /// <summary>Returns a copy in CRS84 of a geometry given in <paramref name="crs"/> (in its axis order).</summary>
    public static Geometry ToCrs84(Crs crs, Geometry given)
    {
        if (ReferenceEquals(crs, Crs.Crs84)) return given.SRID == 4326 ? given : Crs84Factory.CreateGeometry(given);
        return Map(given, Crs84Factory, c =>
        {
            var (lon, lat) = ToCrs84(crs, c.X, c.Y);
            return new Coordinate(lon, lat);
        });
    }

    /// <summary>Returns a copy of a CRS84 geometry expressed in <paramref name="crs"/> for output.</summary>
    public static Geometry FromCrs84(Crs crs, Geometry crs84)
    {
        if (ReferenceEquals(crs, Crs.Crs84)) return crs84;
        return Map(crs84, crs.IsRdNew ? RdFactory : new GeometryFactory(new PrecisionModel(), 4258), c =>
        {
            // Output precision: millimetres in RD New, ~1 mm in degrees.
            var (a, b) = FromCrs84(crs, c.X, c.Y);
            var digits = crs.IsRdNew ? 3 : 8;
            return new Coordinate(Math.Round(a, digits), Math.Round(b, digits));
        });
    }

    /// <summary>A copy of a geometry made by <paramref name="factory"/> with every coordinate mapped.</summary>
    public static Geometry Map(Geometry source, GeometryFactory factory, Func<Coordinate, Coordinate> map)
    {
        var copy = factory.CreateGeometry(source);
        copy.Apply(new CoordinateMapper(map));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class CoordinateMapper(Func<Coordinate, Coordinate> map) : ICoordinateSequenceFilter
    {
        public void Filter(CoordinateSequence seq, int i)
        {
            var mapped = map(seq.GetCoordinate(i));
            seq.SetX(i, mapped.X);
            seq.SetY(i, mapped.Y);
        }

        public bool Done => false;
        public bool GeometryChanged => true;
    }
}
