using NetTopologySuite.Geometries;

namespace DataHub.Api.Spatial;

/// <summary>The DE-9IM relations filters can ask for (CQL2's spatial functions), between a stored geometry and a given one.</summary>
public enum SpatialRelation { Intersects, Disjoint, Contains, Within, Touches, Overlaps, Crosses, Equals }

public static class SpatialRelations
{
    /// <summary>Whether <paramref name="stored"/> stands in the relation to <paramref name="given"/>, exactly (NetTopologySuite).</summary>
    public static bool Holds(this SpatialRelation relation, Geometry stored, Geometry given) => relation switch
    {
        SpatialRelation.Intersects => stored.Intersects(given),
        SpatialRelation.Disjoint => stored.Disjoint(given),
        SpatialRelation.Contains => stored.Contains(given),
        SpatialRelation.Within => stored.Within(given),
        SpatialRelation.Touches => stored.Touches(given),
        SpatialRelation.Overlaps => stored.Overlaps(given),
        SpatialRelation.Crosses => stored.Crosses(given),
        _ => stored.EqualsTopologically(given),
    };

    /// <summary>Whether a geometry can stand in the relation only when its box meets the given one's (all but disjoint).</summary>
    public static bool NeedsBoxesToMeet(this SpatialRelation relation) => relation != SpatialRelation.Disjoint;
}
