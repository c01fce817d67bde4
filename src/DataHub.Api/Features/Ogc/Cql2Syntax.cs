using System.Globalization;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A parsed CQL2 filter (OGC 21-065, the classes <see cref="Cql2.ConformsTo"/> lists), checked against a collection's
/// queryables: every comparison is a queryable against a literal of its type, every spatial literal is in CRS84. The
/// same tree is evaluated in memory (<see cref="Cql2Evaluator"/>) and translated into the database's query
/// (<see cref="Cql2Linq"/>), both with SQL's three-valued logic: a comparison with an empty value is neither true nor false.
/// </summary>
public abstract record Cql2Node
{
    /// <summary>The filter as canonical CQL2 text: the key of a kept count, and what an error message quotes.</summary>
    public abstract string Text { get; }
}

public sealed record Cql2And(IReadOnlyList<Cql2Node> Parts) : Cql2Node
{
    public override string Text => "(" + string.Join(" AND ", Parts.Select(p => p.Text)) + ")";
}

public sealed record Cql2Or(IReadOnlyList<Cql2Node> Parts) : Cql2Node
{
    public override string Text => "(" + string.Join(" OR ", Parts.Select(p => p.Text)) + ")";
}

public sealed record Cql2Not(Cql2Node Inner) : Cql2Node
{
    public override string Text => $"NOT {Inner.Text}";
}

public sealed record Cql2Constant(bool Value) : Cql2Node
{
    public override string Text => Value ? "TRUE" : "FALSE";
}

public enum Cql2Comparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>A queryable compared with a literal: a string, a double, a bool or a UTC <see cref="DateTime"/>.</summary>
public sealed record Cql2Compare(OgcProperty Property, Cql2Comparison Op, object Value) : Cql2Node
{
    public override string Text => $"\"{Property.Name}\" {Cql2.Symbol(Op)} {Cql2.Literal(Value)}";
}

/// <summary>A text queryable against a pattern: <c>%</c> any run, <c>_</c> one character, <c>\</c> escapes either.</summary>
public sealed record Cql2Like(OgcProperty Property, string Pattern, bool IgnoreCase) : Cql2Node
{
    public override string Text => $"\"{Property.Name}\" {(IgnoreCase ? "ILIKE" : "LIKE")} {Cql2.Literal(Pattern)}";
}

public sealed record Cql2Between(OgcProperty Property, object Low, object High) : Cql2Node
{
    public override string Text => $"\"{Property.Name}\" BETWEEN {Cql2.Literal(Low)} AND {Cql2.Literal(High)}";
}

public sealed record Cql2In(OgcProperty Property, IReadOnlyList<object> Values) : Cql2Node
{
    public override string Text => $"\"{Property.Name}\" IN ({string.Join(", ", Values.Select(Cql2.Literal))})";
}

public sealed record Cql2IsNull(OgcProperty Property) : Cql2Node
{
    public override string Text => $"\"{Property.Name}\" IS NULL";
}

/// <summary>A relation between the feature's geometry (first) and a literal geometry in CRS84 (second).</summary>
public sealed record Cql2Spatial(SpatialRelation Relation, Geometry Geometry) : Cql2Node
{
    public override string Text => $"{Cql2.FunctionName(Relation)}(geometry, {Geometry.AsText()})";
}

/// <summary>What the parser offers and how it spells things.</summary>
public static class Cql2
{
    /// <summary>The geometry's name in filters (the schema's primary geometry).</summary>
    public const string GeometryProperty = "geometry";

    /// <summary>The classes that work, for /conformance (Part 3 and CQL2): nothing is listed that answers 400.</summary>
    public static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    ];

    /// <summary>
    /// The filter languages accepted: CQL2 text, and <c>cql-text</c>, the draft's name that GDAL before 3.7 sends
    /// (what it writes, comparisons joined by AND/OR/NOT, is valid CQL2 text).
    /// </summary>
    public static readonly string[] Languages = ["cql2-text", "cql-text"];

    public static readonly IReadOnlyDictionary<string, SpatialRelation> Functions = new Dictionary<string, SpatialRelation>(StringComparer.OrdinalIgnoreCase)
    {
        ["S_INTERSECTS"] = SpatialRelation.Intersects, ["S_DISJOINT"] = SpatialRelation.Disjoint, ["S_CONTAINS"] = SpatialRelation.Contains,
        ["S_WITHIN"] = SpatialRelation.Within, ["S_TOUCHES"] = SpatialRelation.Touches, ["S_OVERLAPS"] = SpatialRelation.Overlaps,
        ["S_CROSSES"] = SpatialRelation.Crosses, ["S_EQUALS"] = SpatialRelation.Equals,
    };

    public static string FunctionName(SpatialRelation r) => Functions.First(f => f.Value == r).Key;

    public static string Symbol(Cql2Comparison op) => op switch
    {
        Cql2Comparison.Equal => "=", Cql2Comparison.NotEqual => "<>", Cql2Comparison.Less => "<",
        Cql2Comparison.LessOrEqual => "<=", Cql2Comparison.Greater => ">", _ => ">=",
    };

    public static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => $"TIMESTAMP('{t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture)}')",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>All parts joined by AND (null when there are none; the part itself when there is one).</summary>
    public static Cql2Node? All(IEnumerable<Cql2Node?> parts)
    {
        var list = parts.OfType<Cql2Node>().ToList();
        return list.Count switch { 0 => null, 1 => list[0], _ => new Cql2And(list) };
    }
}
