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
    private readonly Lazy<(Geometry Boundary, Envelope Box)[]> _rd;

    public IReadOnlyList<GridArea> Areas { get; }

    public GridAreas(IReadOnlyList<GridArea> areas)
    {
        Areas = areas;
        for (var i = 0; i < areas.Count; i++) _index.Insert(areas[i].Boundary.EnvelopeInternal, (i, PreparedGeometryFactory.Prepare(areas[i].Boundary)));
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
            var visitor = new PointVisitor(p, this);
            _index.Query(p.EnvelopeInternal, visitor);
            return visitor.Best < 0 ? [] : [(visitor.Best, 1.0)];
        }
        var candidates = _index.Query(geometry.EnvelopeInternal);
        if (candidates.Count == 0) return [];
        foreach (var c in candidates)
            if (c.Prepared.Contains(geometry)) return [(c.Index, 1.0)];
        var surface = geometry.Dimension == Dimension.Surface;
        // Area: degrees² times the cosine of the latitude (a local equal-area measure), so no vertex is projected;
        // for plan-sized polygons the shares agree with RD New's to 0.01 %. Length: in RD New.
        double Measure(Geometry g) => surface ? g.Area * Math.Cos(g.Centroid.Y * Math.PI / 180) : CrsTransform.ToRdNew(g).Length;
        var whole = Measure(geometry);
        if (whole <= 0) return [];
        var shares = new List<(int, double)>(candidates.Count);
        foreach (var c in candidates.OrderBy(c => Areas[c.Index].ShortCode, StringComparer.Ordinal))
        {
            if (!c.Prepared.Intersects(geometry)) continue;
            var part = Areas[c.Index].Boundary.Intersection(geometry);
            var measure = part.IsEmpty ? 0 : Measure(part);
            if (measure > 0) shares.Add((c.Index, Math.Min(1, measure / whole)));
        }
        return [.. shares];
    }

    /// <summary>The area covering a point; on a shared edge the first by short code.</summary>
    private sealed class PointVisitor(Point point, GridAreas grid) : NetTopologySuite.Index.IItemVisitor<(int Index, IPreparedGeometry Prepared)>
    {
        public int Best { get; private set; } = -1;

        public void VisitItem((int Index, IPreparedGeometry Prepared) c)
        {
            if ((Best < 0 || string.CompareOrdinal(grid.Areas[c.Index].ShortCode, grid.Areas[Best].ShortCode) < 0) && c.Prepared.Covers(point)) Best = c.Index;
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
