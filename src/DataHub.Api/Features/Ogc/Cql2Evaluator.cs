using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// Evaluates a CQL2 filter on a feature in memory, for the collections whose read operation answers a whole list
/// (grid, analysis, projects). Three-valued like SQL, so it agrees with <see cref="Cql2Linq"/> in the database: a
/// comparison with an empty value is unknown, NOT unknown is unknown, and only a true filter keeps the feature.
/// Text compares ordinally (as the databases' binary collation), numbers as numbers, times as instants.
/// </summary>
public static class Cql2Evaluator
{
    /// <summary>Whether the feature passes: its properties by name, its geometry in CRS84.</summary>
    public static bool Matches(Cql2Node filter, IReadOnlyDictionary<string, object?> properties, Geometry? crs84) =>
        Evaluate(filter, properties, crs84) == true;

    private static bool? Evaluate(Cql2Node node, IReadOnlyDictionary<string, object?> p, Geometry? geometry)
    {
        object? Value(OgcProperty property) => p.GetValueOrDefault(property.Name);
        switch (node)
        {
            case Cql2And and:
            {
                bool? result = true;
                foreach (var part in and.Parts)
                {
                    var v = Evaluate(part, p, geometry);
                    if (v == false) return false;
                    if (v is null) result = null;
                }
                return result;
            }
            case Cql2Or or:
            {
                bool? result = false;
                foreach (var part in or.Parts)
                {
                    var v = Evaluate(part, p, geometry);
                    if (v == true) return true;
                    if (v is null) result = null;
                }
                return result;
            }
            case Cql2Not not:
                return !Evaluate(not.Inner, p, geometry);
            case Cql2Constant constant:
                return constant.Value;
            case Cql2IsNull isNull:
                return Value(isNull.Property) is null;
            case Cql2Compare compare:
                return Value(compare.Property) is { } stored ? Holds(compare.Op, Compare(stored, compare.Value)) : null;
            case Cql2Between between:
                return Value(between.Property) is { } s ? Compare(s, between.Low) >= 0 && Compare(s, between.High) <= 0 : null;
            case Cql2In @in:
                return Value(@in.Property) is { } x ? @in.Values.Any(v => Compare(x, v) == 0) : null;
            case Cql2Like like:
                return Value(like.Property) is { } text ? LikeRegex(like).IsMatch(Convert.ToString(text, CultureInfo.InvariantCulture)!) : null;
            case Cql2Spatial spatial:
                return geometry is null ? null : Tests.GetValue(spatial, s => new Holder(s.Relation.Against(s.Geometry))).Test(geometry);
            default:
                throw new InvalidOperationException($"unknown filter node {node.GetType().Name}");
        }
    }

    private static bool Holds(Cql2Comparison op, int c) => op switch
    {
        Cql2Comparison.Equal => c == 0, Cql2Comparison.NotEqual => c != 0, Cql2Comparison.Less => c < 0,
        Cql2Comparison.LessOrEqual => c <= 0, Cql2Comparison.Greater => c > 0, _ => c >= 0,
    };

    /// <summary>The stored value against a literal of its property's type (the parser checked the types).</summary>
    private static int Compare(object stored, object literal) => literal switch
    {
        string s => string.CompareOrdinal(Convert.ToString(stored, CultureInfo.InvariantCulture), s),
        double d => Convert.ToDouble(stored, CultureInfo.InvariantCulture).CompareTo(d),
        bool b => Convert.ToBoolean(stored, CultureInfo.InvariantCulture).CompareTo(b),
        DateTime t => ((DateTime)stored).ToUniversalTime().CompareTo(t),
        _ => throw new InvalidOperationException($"a literal of type {literal.GetType().Name}"),
    };

    /// <summary>Each spatial node's test, its literal prepared once for all the features it is asked about.</summary>
    private static readonly ConditionalWeakTable<Cql2Spatial, Holder> Tests = new();

    private sealed record Holder(Func<Geometry, bool> Test);

    private static readonly ConditionalWeakTable<Cql2Like, Regex> Patterns = new();

    /// <summary>The LIKE pattern as an anchored regular expression: % any run, _ one character, \ escapes the next.</summary>
    public static Regex LikeRegex(Cql2Like like) => Patterns.GetValue(like, l =>
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < l.Pattern.Length; i++)
        {
            var c = l.Pattern[i];
            if (c == '\\' && i + 1 < l.Pattern.Length) regex.Append(Regex.Escape(l.Pattern[++i].ToString()));
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(),
            RegexOptions.Singleline | RegexOptions.CultureInvariant | (l.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), TimeSpan.FromSeconds(1));
    });
}
