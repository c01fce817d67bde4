using System.Globalization;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// Reads CQL2 text (OGC 21-065r2) into a <see cref="Cql2Node"/> checked against a collection's queryables.
/// Written by hand: no CQL2 library is served for .NET here. It covers the classes <see cref="Cql2.ConformsTo"/>
/// lists: comparisons, AND/OR/NOT, IS NULL, LIKE (and ILIKE, what GDAL sends), BETWEEN, IN, and the spatial functions
/// S_INTERSECTS … S_EQUALS with WKT or BBOX literals in <c>filter-crs</c>. Anything else (arithmetic, temporal and
/// array functions, CASEI, comparing two properties) is an error that names it, never a silently wider answer.
/// </summary>
public sealed partial class Cql2Parser
{
    public const int MaxLength = 20_000;
    private const int MaxDepth = 64;
    private const int MaxInValues = 1_000;
    /// <summary>Comparisons and spatial tests in one filter: enough for any GIS client's, and a bound on the query built from it.</summary>
    private const int MaxPredicates = 256;
    private static readonly string[] GeometryWords = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];
    private static readonly string[] Unsupported = ["CASEI", "ACCENTI", "INTERVAL", "DIV"];

    private readonly string _text;
    private readonly IReadOnlyDictionary<string, OgcProperty> _queryables;
    private readonly Crs _crs;
    private int _pos;
    private int _depth;
    private int _predicates;
    private Token _token;

    private Cql2Parser(string text, IReadOnlyList<OgcProperty> queryables, Crs crs)
    {
        _text = text;
        _queryables = queryables.ToDictionary(q => q.Name, StringComparer.Ordinal);
        _crs = crs;
        _token = Lex();
    }

    /// <summary>The filter, or the error that says what is wrong and at which character (1-based).</summary>
    public static (Cql2Node? Filter, string? Error) Parse(string text, IReadOnlyList<OgcProperty> queryables, Crs filterCrs)
    {
        if (text.Length > MaxLength) return (null, $"the filter is longer than {MaxLength} characters");
        try
        {
            var parser = new Cql2Parser(text, queryables, filterCrs);
            var node = parser.Expression();
            if (parser._token.Kind != TokenKind.End) throw parser.Fail($"unexpected '{parser._token.Value}'; expected AND, OR or the end of the filter");
            return (node, null);
        }
        catch (Cql2Exception e)
        {
            return (null, e.Message);
        }
    }

    private enum TokenKind { Word, Name, Text, Number, Symbol, End }

    private readonly record struct Token(TokenKind Kind, string Value, int At);

    private sealed class Cql2Exception(string message) : Exception(message);

    private Cql2Exception Fail(string message, int? at = null) => new($"{message} (at character {(at ?? _token.At) + 1})");

    // ---- boolean expressions ----

    private Cql2Node Expression()
    {
        if (++_depth > MaxDepth) throw Fail($"the filter nests more than {MaxDepth} levels deep");
        var parts = new List<Cql2Node> { Term() };
        while (IsWord("OR")) { Advance(); parts.Add(Term()); }
        _depth--;
        return parts.Count == 1 ? parts[0] : new Cql2Or(parts);
    }

    private Cql2Node Term()
    {
        var parts = new List<Cql2Node> { Factor() };
        while (IsWord("AND")) { Advance(); parts.Add(Factor()); }
        return parts.Count == 1 ? parts[0] : new Cql2And(parts);
    }

    private Cql2Node Factor()
    {
        if (!IsWord("NOT")) return Primary();
        Advance();
        if (++_depth > MaxDepth) throw Fail($"the filter nests more than {MaxDepth} levels deep");
        var inner = Factor();
        _depth--;
        return new Cql2Not(inner);
    }

    private Cql2Node Primary()
    {
        if (IsSymbol("("))
        {
            Advance();
            var inner = Expression();
            Expect(")", "to close the parenthesis");
            return inner;
        }
        if (_token.Kind == TokenKind.Word && Peek() is { Kind: TokenKind.Symbol, Value: "(" } && !IsWord("DATE") && !IsWord("TIMESTAMP"))
        {
            if (Cql2.Functions.TryGetValue(_token.Value, out var relation)) return Spatial(relation);
            var name = _token.Value.ToUpperInvariant();
            throw Fail(name.StartsWith("T_") ? $"{name}: temporal functions are not supported; compare a date-time property with TIMESTAMP('…') or use datetime"
                : name.StartsWith("A_") ? $"{name}: array functions are not supported"
                : Array.IndexOf(Unsupported, name) >= 0 ? $"{name} is not supported; ILIKE compares text ignoring case"
                : $"the function {_token.Value} is not supported; the spatial functions are {string.Join(", ", Cql2.Functions.Keys)}");
        }
        if ((IsWord("TRUE") || IsWord("FALSE")) && !IsOperator(Peek()))
            return new Cql2Constant(Advance().Value.Equals("TRUE", StringComparison.OrdinalIgnoreCase));
        return Predicate();
    }

    private static bool IsOperator(Token t) =>
        (t.Kind == TokenKind.Symbol && t.Value is "=" or "<>" or "!=" or "<" or "<=" or ">" or ">=")
        || (t.Kind == TokenKind.Word && t.Value.ToUpperInvariant() is "LIKE" or "ILIKE" or "BETWEEN" or "IN" or "IS" or "NOT");

    // ---- predicates ----

    /// <summary>One side of a comparison: a queryable, or a literal (typed once the queryable on the other side is known).</summary>
    private readonly record struct Operand(OgcProperty? Property, object? Value, string Kind, int At);

    private void Count()
    {
        if (++_predicates > MaxPredicates) throw Fail($"the filter has more than {MaxPredicates} comparisons; combine values with IN");
    }

    private Cql2Node Predicate()
    {
        Count();
        var left = Scalar();
        if (IsWord("IS"))
        {
            Advance();
            var negated = Accept("NOT");
            if (!IsWord("NULL")) throw Fail($"expected NULL after IS, found {Describe(_token)}");
            Advance();
            Cql2Node isNull = new Cql2IsNull(PropertyOf(left, "IS NULL"));
            return negated ? new Cql2Not(isNull) : isNull;
        }
        var not = Accept("NOT");
        Cql2Node node;
        if (IsWord("LIKE") || IsWord("ILIKE"))
        {
            var ignoreCase = IsWord("ILIKE");
            Advance();
            var property = PropertyOf(left, "LIKE");
            if (property.Type != "string" || property.Format == "date-time") throw Fail($"LIKE compares text; '{property.Name}' is {TypeName(property)}", left.At);
            var pattern = Scalar();
            if (pattern.Kind != "text") throw Fail("LIKE takes a text pattern in single quotes ('%' any text, '_' one character)", pattern.At);
            node = new Cql2Like(property, (string)pattern.Value!, ignoreCase);
        }
        else if (IsWord("BETWEEN"))
        {
            Advance();
            var property = PropertyOf(left, "BETWEEN");
            if (property.Type == "boolean") throw Fail($"BETWEEN compares numbers, text or times; '{property.Name}' is {TypeName(property)}", left.At);
            var low = Scalar();
            if (!IsWord("AND")) throw Fail($"expected AND between BETWEEN's bounds, found {Describe(_token)}");
            Advance();
            var high = Scalar();
            node = new Cql2Between(property, Typed(property, low), Typed(property, high));
        }
        else if (IsWord("IN"))
        {
            Advance();
            var property = PropertyOf(left, "IN");
            Expect("(", "after IN");
            var values = new List<object> { Typed(property, Scalar()) };
            while (IsSymbol(","))
            {
                Advance();
                values.Add(Typed(property, Scalar()));
                if (values.Count > MaxInValues) throw Fail($"IN lists at most {MaxInValues} values");
            }
            Expect(")", "to close IN's list");
            node = new Cql2In(property, values);
        }
        else if (not)
            throw Fail($"expected LIKE, ILIKE, BETWEEN or IN after NOT, found {Describe(_token)}");
        else
        {
            if (IsSymbol("+") || IsSymbol("-") || IsSymbol("*") || IsSymbol("/")) throw Fail("arithmetic is not supported");
            var opToken = _token;
            if (opToken.Kind != TokenKind.Symbol || opToken.Value is not ("=" or "<>" or "!=" or "<" or "<=" or ">" or ">="))
                throw Fail($"expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN, IS NULL) after {(left.Property is { } p ? $"'{p.Name}'" : "the literal")}, found {Describe(opToken)}");
            Advance();
            if (IsSymbol("+") || IsSymbol("-") || IsSymbol("*") || IsSymbol("/")) throw Fail("arithmetic is not supported");
            var right = Scalar();
            if (IsSymbol("+") || IsSymbol("-") || IsSymbol("*") || IsSymbol("/")) throw Fail("arithmetic is not supported");
            var op = opToken.Value switch
            {
                "=" => Cql2Comparison.Equal, "<>" or "!=" => Cql2Comparison.NotEqual, "<" => Cql2Comparison.Less,
                "<=" => Cql2Comparison.LessOrEqual, ">" => Cql2Comparison.Greater, _ => Cql2Comparison.GreaterOrEqual,
            };
            if (left.Property is not null && right.Property is not null) throw Fail("comparing two properties is not supported; compare a property with a literal", left.At);
            if (left.Property is null && right.Property is null) throw Fail("a comparison needs a property on one side", left.At);
            // A literal on the left: the same comparison seen from the property (5 < year is year > 5).
            var (property, literal) = left.Property is not null ? (left.Property, right) : (right.Property!, left);
            if (left.Property is null)
                op = op switch
                {
                    Cql2Comparison.Less => Cql2Comparison.Greater, Cql2Comparison.LessOrEqual => Cql2Comparison.GreaterOrEqual,
                    Cql2Comparison.Greater => Cql2Comparison.Less, Cql2Comparison.GreaterOrEqual => Cql2Comparison.LessOrEqual, _ => op,
                };
            if (property.Type == "boolean" && op is not (Cql2Comparison.Equal or Cql2Comparison.NotEqual))
                throw Fail($"'{property.Name}' is true or false and compares with = or <> only", opToken.At);
            return new Cql2Compare(property, op, Typed(property, literal));
        }
        return not ? new Cql2Not(node) : node;
    }

    private OgcProperty PropertyOf(Operand operand, string what) =>
        operand.Property ?? throw Fail($"{what} applies to a property, not to a literal", operand.At);

    private static string TypeName(OgcProperty p) => p.Format == "date-time" ? "a date-time" : p.Type switch
    {
        "integer" => "an integer", "number" => "a number", "boolean" => "true or false", _ => "text",
    };

    /// <summary>The literal as the property's type: text, a double, a bool or a UTC time (a quoted date-time too, as GDAL writes it).</summary>
    private object Typed(OgcProperty property, Operand literal)
    {
        if (literal.Property is not null) throw Fail("comparing two properties is not supported; compare a property with a literal", literal.At);
        var ok = (property.Type, property.Format, literal.Kind) switch
        {
            ("string", "date-time", "time") => literal.Value,
            ("string", "date-time", "text") => ParseTime((string)literal.Value!, literal.At),
            ("string", not "date-time", "text") => literal.Value,
            ("integer" or "number", _, "number") => literal.Value,
            ("boolean", _, "boolean") => literal.Value,
            _ => null,
        };
        return ok ?? throw Fail($"'{property.Name}' is {TypeName(property)}; it cannot be compared with {literal.Kind switch
        {
            "text" => $"the text {Cql2.Literal(literal.Value!)}", "number" => $"the number {Cql2.Literal(literal.Value!)}",
            "boolean" => Cql2.Literal(literal.Value!), _ => "a time",
        }}", literal.At);
    }

    private DateTime ParseTime(string text, int at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime
        : throw Fail($"'{text}' is not an RFC 3339 date or date-time", at);

    private Operand Scalar()
    {
        var t = _token;
        switch (t.Kind)
        {
            case TokenKind.Text:
                Advance();
                return new(null, t.Value, "text", t.At);
            case TokenKind.Number:
                Advance();
                if (!double.TryParse(t.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    throw Fail($"'{t.Value}' is not a number", t.At);
                return new(null, number, "number", t.At);
            case TokenKind.Name:
                Advance();
                return new(Queryable(t.Value, t.At), null, "property", t.At);
            case TokenKind.Word:
                var upper = t.Value.ToUpperInvariant();
                if (upper is "TRUE" or "FALSE") { Advance(); return new(null, upper == "TRUE", "boolean", t.At); }
                if (upper is "DATE" or "TIMESTAMP")
                {
                    Advance();
                    Expect("(", $"after {upper}");
                    if (_token.Kind != TokenKind.Text) throw Fail($"{upper} takes a quoted {(upper == "DATE" ? "date ('2030-01-01')" : "date-time ('2030-01-01T00:00:00Z')")}");
                    var value = Advance();
                    var time = upper == "DATE"
                        ? DateOnly.TryParseExact(value.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                            ? DateTime.SpecifyKind(d.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) : throw Fail($"'{value.Value}' is not a date (yyyy-mm-dd)", value.At)
                        : ParseTime(value.Value, value.At);
                    Expect(")", $"to close {upper}");
                    return new(null, time, "time", t.At);
                }
                if (upper is "NULL") throw Fail("NULL is tested with IS NULL or IS NOT NULL", t.At);
                if (Peek() is { Kind: TokenKind.Symbol, Value: "(" }) throw Fail($"the function {t.Value} is not supported here", t.At);
                Advance();
                return new(Queryable(t.Value, t.At), null, "property", t.At);
            default:
                throw Fail($"expected a property or a literal, found {Describe(t)}", t.At);
        }
    }

    private OgcProperty Queryable(string name, int at)
    {
        if (_queryables.TryGetValue(name, out var p)) return p;
        if (name == Cql2.GeometryProperty) throw Fail($"'{name}' is compared with the spatial functions ({string.Join(", ", Cql2.Functions.Keys)})", at);
        throw Fail($"'{name}' is not a queryable of this collection; filter on {string.Join(", ", _queryables.Keys)} or {Cql2.GeometryProperty}", at);
    }
}
