using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>A row with a geometry and its bounding box (the SQLite R*Tree prefilter and the PostGIS GiST both use it).</summary>
public interface ISpatialRow
{
    Geometry Geometry { get; }
    double MinX { get; set; }
    double MinY { get; set; }
    double MaxX { get; set; }
    double MaxY { get; set; }
}

public static class SpatialRow
{
    public static void SetBounds(this ISpatialRow row)
    {
        var e = row.Geometry.EnvelopeInternal;
        (row.MinX, row.MinY, row.MaxX, row.MaxY) = (e.MinX, e.MinY, e.MaxX, e.MaxY);
    }
}
