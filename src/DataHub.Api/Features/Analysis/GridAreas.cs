using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// A set of energy areas ready for spatial questions: which areas a geometry lies in (and by what share), and which
/// areas are nearest to it in RD New. Immutable; built once per version of the grid data and shared by requests.
/// </summary>
public sealed class GridAreas
{
    private readonly STRtree<(int Index, IPreparedGeometry Prepared)> _index = new();
    private readonly NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator[] _locators;
    private readonly Lazy<(Geometry Boundary, Envelope Box)[]> _rd;

    public IReadOnlyList<GridArea> Areas { get; }

    public GridAreas(IReadOnlyList<GridArea> areas)
    {
        Areas = areas;
        _locators = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator[areas.Count];
        for (var i = 0; i < areas.Count; i++)
        {
            _index.Insert(areas[i].Boundary.EnvelopeInternal, (i, PreparedGeometryFactory.Prepare(areas[i].Boundary)));
            // Points are located with an interval index over the boundary, built here so that threads can share it.
            _locators[i] = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(areas[i].Boundary);
            _locators[i].Locate(areas[i].Boundary.EnvelopeInternal.Centre);
        }
        _index.Build();
        // RD New boundaries are needed for distances only (quickscan alternatives): made on first use, in parallel.
        _rd = new(() =>
        {
            var rd = new (Geometry, Envelope)[areas.Count];
            Parallel.For(0, areas.Count, i => { var g = CrsTransform.ToRdNew(areas[i].Boundary); rd[i] = (g, g.EnvelopeInternal); });
            return rd;
        });
    }

    public int IndexOf(Guid areaId)
    {
        for (var i = 0; i < Areas.Count; i++) if (Areas[i].Id == areaId) return i;
        return -1;
    }

    /// <summary>
    /// The share of a geometry in each area it overlaps, by area index (shares sum to at most 1; the rest lies
    /// outside every area). A point belongs to one area (the first by short code on a shared edge); a line or polygon
    /// is split by length share (RD New) or area share (a local equal-area measure). The overlap is cut in CRS84, so
    /// the areas' large boundaries are never projected here.
    /// </summary>
    public (int Area, double Share)[] Assign(Geometry geometry)
    {
        if (geometry is Point p)
        {
            // The common case, hundreds of thousands of times on a rebuild: visit the index without building a list.
            var visitor = _visitor ??= new PointVisitor();
            visitor.Reset(p, this);
            _index.Query(p.EnvelopeInternal, visitor);
            return visitor.Best < 0 ? [] : [(visitor.Best, 1.0)];
        }
        var candidates = _index.Query(geometry.EnvelopeInternal);
        if (candidates.Count == 0) return [];
        foreach (var c in candidates)
            if (c.Prepared.Contains(geometry)) return [(c.Index, 1.0)];
        if (ConvexClip.Window(geometry) is { } window)
        {
            // The usual plan polygon (a convex shape, e.g. a rectangle): areas clipped by it directly.
            var (wholeArea, wholeMoment) = ConvexClip.Measure(window, null);
            var whole84 = ConvexClip.EqualArea(wholeArea, wholeMoment);
            var clipped = new List<(int, double)>(candidates.Count);
            foreach (var c in candidates.OrderBy(c => Areas[c.Index].ShortCode, StringComparer.Ordinal))
            {
                if (!c.Prepared.Intersects(geometry)) continue;
                var (a, m) = ConvexClip.Measure(window, Areas[c.Index].Boundary);
                var part = ConvexClip.EqualArea(a, m);
                if (part > 0) clipped.Add((c.Index, Math.Min(1, part / whole84)));
            }
            return [.. clipped];
        }
        var surface = geometry.Dimension == Dimension.Surface;
        // Area: degrees² times the cosine of the latitude (a local equal-area measure), so no vertex is projected;
        // for plan-sized polygons the shares agree with RD New's to 0.01 %. Length: in RD New.
        double Measure(Geometry g) => surface ? ConvexClip.EqualArea(g.Area, g.Area * g.Centroid.Y) : CrsTransform.ToRdNew(g).Length;
        var whole = Measure(geometry);
        if (whole <= 0) return [];
        var shares = new List<(int, double)>(candidates.Count);
        foreach (var c in candidates.OrderBy(c => Areas[c.Index].ShortCode, StringComparer.Ordinal))
        {
            if (!c.Prepared.Intersects(geometry)) continue;
            var part = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Overlay(Areas[c.Index].Boundary, geometry, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
            var measure = part.IsEmpty ? 0 : Measure(part);
            if (measure > 0) shares.Add((c.Index, Math.Min(1, measure / whole)));
        }
        return [.. shares];
    }

    /// <summary>The area covering a point; on a shared edge the first by short code.</summary>
    [ThreadStatic] private static PointVisitor? _visitor;

    private sealed class PointVisitor : NetTopologySuite.Index.IItemVisitor<(int Index, IPreparedGeometry Prepared)>
    {
        private Point point = null!;
        private GridAreas grid = null!;
        public int Best { get; private set; } = -1;

        public void Reset(Point p, GridAreas g) => (point, grid, Best) = (p, g, -1);

        public void VisitItem((int Index, IPreparedGeometry Prepared) c)
        {
            if ((Best < 0 || string.CompareOrdinal(grid.Areas[c.Index].ShortCode, grid.Areas[Best].ShortCode) < 0)
                && grid._locators[c.Index].Locate(point.Coordinate) != Location.Exterior) Best = c.Index;
        }
    }

    /// <summary>The areas in order of their distance (RD New, metres) to a CRS84 geometry, nearest first, ties by short code; lazily.</summary>
    public IEnumerable<(int Area, double DistanceM)> Nearest(Geometry crs84)
    {
        var rd = _rd.Value;
        var here = CrsTransform.ToRdNew(crs84);
        var box = here.EnvelopeInternal;
        // The distance between bounding boxes never exceeds the true distance: areas are taken in that order and
        // measured exactly only when they might be next.
        var byBox = Enumerable.Range(0, rd.Length).Select(i => (Index: i, Bound: rd[i].Box.Distance(box))).OrderBy(x => x.Bound).ToList();
        var pending = new PriorityQueue<int, (double Distance, string Code)>(Comparer<(double Distance, string Code)>.Create((a, b) =>
            a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Code, b.Code)));
        var next = 0;
        while (next < byBox.Count || pending.Count > 0)
        {
            if (pending.TryPeek(out var top, out var key) && (next == byBox.Count || key.Distance < byBox[next].Bound))
            {
                pending.Dequeue();
                yield return (top, key.Distance);
                continue;
            }
            var i = byBox[next++].Index;
            pending.Enqueue(i, (rd[i].Boundary.Distance(here), Areas[i].ShortCode));
        }
    }
}

/// <summary>
/// The area of an energy area inside a convex development polygon, by Sutherland–Hodgman clipping of each ring
/// against the convex window and the shoelace formula. Written by hand because NetTopologySuite's general overlay
/// costs ~50× more for this case (a small convex plan polygon on an area boundary, hundreds of thousands of times
/// on a rebuild); clipping by a convex window gives the exact area and centroid even for concave rings with holes
/// (a test holds it to the overlay's result).
/// </summary>
public static class ConvexClip
{
    /// <summary>The counter-clockwise ring of a convex polygon without holes; null for anything else.</summary>
    public static Coordinate[]? Window(Geometry g)
    {
        if (g is not Polygon { NumInteriorRings: 0 } p) return null;
        var ring = p.ExteriorRing.Coordinates;
        var n = ring.Length - 1;
        if (n < 3) return null;
        int sign = 0;
        for (var i = 0; i < n; i++)
        {
            var (a, b, c) = (ring[i], ring[(i + 1) % n], ring[(i + 2) % n]);
            var cross = (b.X - a.X) * (c.Y - b.Y) - (b.Y - a.Y) * (c.X - b.X);
            if (cross == 0) continue;
            var s = Math.Sign(cross);
            if (sign == 0) sign = s;
            else if (s != sign) return null;
        }
        if (sign == 0) return null;
        var window = ring[..n];
        if (sign < 0) Array.Reverse(window);
        return window;
    }

    /// <summary>Area (degrees²) and first moment in y of the window (when <paramref name="area"/> is null) or of area ∩ window.</summary>
    public static (double Area, double MomentY) Measure(Coordinate[] window, Geometry? area)
    {
        if (area is null) return Ring(window);
        double total = 0, moment = 0;
        for (var i = 0; i < area.NumGeometries; i++)
        {
            if (area.GetGeometryN(i) is not Polygon p) continue;
            var (a, m) = Ring(Clip(p.ExteriorRing.Coordinates, window));
            total += a; moment += m;
            for (var h = 0; h < p.NumInteriorRings; h++)
            {
                var (ha, hm) = Ring(Clip(p.GetInteriorRingN(h).Coordinates, window));
                total -= ha; moment -= hm;
            }
        }
        return (total, moment);
    }

    /// <summary>A local equal-area measure: degrees² times the cosine of the centroid's latitude.</summary>
    public static double EqualArea(double area, double momentY) => area <= 0 ? 0 : area * Math.Cos(momentY / area * Math.PI / 180);

    /// <summary>Unsigned area and the matching first moment in y of a ring (closed or not).</summary>
    private static (double Area, double MomentY) Ring(IReadOnlyList<Coordinate> ring)
    {
        double a = 0, m = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            var (p, q) = (ring[i], ring[(i + 1) % ring.Count]);
            var cross = p.X * q.Y - q.X * p.Y;
            a += cross;
            m += (p.Y + q.Y) * cross;
        }
        return a < 0 ? (-a / 2, -m / 6) : (a / 2, m / 6);
    }

    /// <summary>Sutherland–Hodgman: the part of a ring on the inner side of every edge of a counter-clockwise convex window.</summary>
    private static List<Coordinate> Clip(Coordinate[] ring, Coordinate[] window)
    {
        var output = new List<Coordinate>(ring.Length);
        for (var i = 0; i < ring.Length - 1; i++) output.Add(ring[i]); // the ring without its closing point
        for (var e = 0; e < window.Length && output.Count > 0; e++)
        {
            var (a, b) = (window[e], window[(e + 1) % window.Length]);
            double Side(Coordinate p) => (b.X - a.X) * (p.Y - a.Y) - (b.Y - a.Y) * (p.X - a.X);
            var input = output;
            output = new List<Coordinate>(input.Count + 4);
            var previous = input[^1];
            var previousSide = Side(previous);
            foreach (var current in input)
            {
                var side = Side(current);
                if (side >= 0)
                {
                    if (previousSide < 0) output.Add(Cross(previous, current, previousSide, side));
                    output.Add(current);
                }
                else if (previousSide >= 0) output.Add(Cross(previous, current, previousSide, side));
                (previous, previousSide) = (current, side);
            }
        }
        return output;
    }

    private static Coordinate Cross(Coordinate p, Coordinate q, double sp, double sq)
    {
        var t = sp / (sp - sq);
        return new Coordinate(p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y));
    }
}
