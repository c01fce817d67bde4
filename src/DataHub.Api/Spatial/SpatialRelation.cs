using NetTopologySuite.Geometries;

namespace DataHub.Api.Spatial;

/// <summary>The DE-9IM relations filters can ask for (CQL2's spatial functions), between a stored geometry and a given one.</summary>
public enum SpatialRelation { Intersects, Disjoint, Contains, Within, Touches, Overlaps, Crosses, Equals }

public static class SpatialRelations
{
    /// <summary>
    /// The test for many stored geometries against one given geometry, prepared once (indexed segments and
    /// point-in-polygon): a polygon literal against ten thousand developments costs milliseconds, not a second. Seen
    /// from the prepared side, "stored contains given" is "given within stored", and the other way round.
    /// </summary>
    public static Func<Geometry, bool> Against(this SpatialRelation relation, Geometry given)
    {
        var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(given);
        return relation switch
        {
            SpatialRelation.Intersects => prepared.Intersects,
            SpatialRelation.Disjoint => prepared.Disjoint,
            SpatialRelation.Contains => prepared.Within,
            SpatialRelation.Within => prepared.Contains,
            SpatialRelation.Touches => prepared.Touches,
            SpatialRelation.Overlaps => prepared.Overlaps,
            SpatialRelation.Crosses => prepared.Crosses,
            _ => stored => stored.EqualsTopologically(given),
        };
    }

    /// <summary>Whether a geometry can stand in the relation only when its box meets the given one's (all but disjoint).</summary>
    public static bool NeedsBoxesToMeet(this SpatialRelation relation) => relation != SpatialRelation.Disjoint;
}
