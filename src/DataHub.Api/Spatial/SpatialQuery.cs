using System.Linq.Expressions;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Spatial;

/// <summary>
/// The one seam where the two databases differ for spatial filtering. Both implementations return exactly the
/// rows whose geometry intersects the box; the same integration tests run against each.
/// </summary>
public interface ISpatialQuery
{
    Task<IQueryable<DevelopmentVersion>> IntersectingAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, Envelope crs84Box, CancellationToken ct);

    /// <summary>
    /// A predicate that holds for exactly the versions among <paramref name="rows"/> whose geometry stands in the
    /// relation to <paramref name="crs84"/> (a filter's literal), for use inside a larger condition.
    /// </summary>
    Task<Expression<Func<DevelopmentVersion, bool>>> RelatedAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, SpatialRelation relation, Geometry crs84, CancellationToken ct);

    /// <summary>Adds the versions written after <paramref name="afterRowId"/> to the spatial index, inside the caller's transaction.</summary>
    Task IndexNewVersionsAsync(DataHubDb db, long afterRowId, CancellationToken ct);
}

/// <summary>PostGIS: ST_Intersects on the native geometry, served by its GiST index.</summary>
public sealed class PostgisSpatialQuery : ISpatialQuery
{
    public Task<IQueryable<DevelopmentVersion>> IntersectingAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, Envelope box, CancellationToken ct)
    {
        var polygon = (Polygon)CrsTransform.Crs84Factory.ToGeometry(box);
        return Task.FromResult(rows.Where(d => d.Geometry.Intersects(polygon)));
    }

    public Task<Expression<Func<DevelopmentVersion, bool>>> RelatedAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, SpatialRelation relation, Geometry g, CancellationToken ct) =>
        Task.FromResult<Expression<Func<DevelopmentVersion, bool>>>(relation switch
        {
            SpatialRelation.Intersects => d => d.Geometry.Intersects(g),
            SpatialRelation.Disjoint => d => d.Geometry.Disjoint(g),
            SpatialRelation.Contains => d => d.Geometry.Contains(g),
            SpatialRelation.Within => d => d.Geometry.Within(g),
            SpatialRelation.Touches => d => d.Geometry.Touches(g),
            SpatialRelation.Overlaps => d => d.Geometry.Overlaps(g),
            SpatialRelation.Crosses => d => d.Geometry.Crosses(g),
            _ => d => d.Geometry.EqualsTopologically(g),
        });

    /// <summary>PostgreSQL maintains its GiST index itself.</summary>
    public Task IndexNewVersionsAsync(DataHubDb db, long afterRowId, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>An entry of the SQLite R*Tree over development versions' bounding boxes.</summary>
public sealed class DevelopmentBox
{
    public long Id { get; set; }
    public double MinX { get; set; }
    public double MaxX { get; set; }
    public double MinY { get; set; }
    public double MaxY { get; set; }
}

/// <summary>
/// SQLite: the R*Tree gives candidates; boxes wholly inside the query box need no further test, the rest are
/// tested exactly with NetTopologySuite (the bundled SQLite has no spatial functions).
/// </summary>
public sealed class SqliteSpatialQuery : ISpatialQuery
{
    public async Task<IQueryable<DevelopmentVersion>> IntersectingAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, Envelope box, CancellationToken ct) =>
        rows.Where(await RelatedAsync(db, rows, SpatialRelation.Intersects, CrsTransform.Crs84Factory.ToGeometry(box), ct));

    /// <summary>
    /// Candidates are the R*Tree boxes that meet the literal's box; NetTopologySuite decides among them. For a box
    /// literal, versions whose box lies wholly inside intersect without a test. Disjoint is the rest of intersecting.
    /// </summary>
    public async Task<Expression<Func<DevelopmentVersion, bool>>> RelatedAsync(DataHubDb db, IQueryable<DevelopmentVersion> rows, SpatialRelation relation, Geometry g, CancellationToken ct)
    {
        var test = relation == SpatialRelation.Disjoint ? SpatialRelation.Intersects : relation;
        var box = g.EnvelopeInternal;
        var boxes = db.Set<DevelopmentBox>();
        var overlapping = boxes
            .Where(r => r.MinX <= box.MaxX && r.MaxX >= box.MinX && r.MinY <= box.MaxY && r.MaxY >= box.MinY)
            .Select(r => r.Id);
        var isBox = test == SpatialRelation.Intersects && g.IsRectangle;
        var inside = boxes
            .Where(r => isBox && r.MinX >= box.MinX && r.MaxX <= box.MaxX && r.MinY >= box.MinY && r.MaxY <= box.MaxY)
            .Select(r => r.Id);
        var partial = await rows
            .Where(d => overlapping.Contains(d.RowId) && !inside.Contains(d.RowId))
            .Select(d => new { d.RowId, d.Geometry })
            .ToListAsync(ct);
        var holds = test.Against(g);
        var exact = partial.Where(p => holds(p.Geometry)).Select(p => p.RowId).ToArray();
        // EF.Parameter: the ids go as one JSON array (json_each), not as thousands of scalar parameters (EF Core 10's
        // default), which made SQLite spend most of a request preparing and binding the statement.
        return relation == SpatialRelation.Disjoint
            ? d => !(inside.Contains(d.RowId) || EF.Parameter(exact).Contains(d.RowId))
            : d => inside.Contains(d.RowId) || EF.Parameter(exact).Contains(d.RowId);
    }

    /// <summary>One set-based insert after the versions: R*Tree inserts cost half as much this way as from a per-row trigger.</summary>
    public async Task IndexNewVersionsAsync(DataHubDb db, long afterRowId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO development_rtree (id, min_x, max_x, min_y, max_y) SELECT row_id, min_x, max_x, min_y, max_y FROM development_versions WHERE row_id > {afterRowId}", ct);
}
