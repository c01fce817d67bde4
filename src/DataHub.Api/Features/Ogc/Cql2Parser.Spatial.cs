using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.Api.Features.Ogc;

/// <summary>CQL2's spatial functions and their geometry literals (WKT read by NetTopologySuite, BBOX), turned into CRS84.</summary>
public sealed partial class Cql2Parser
{
    private Cql2Node Spatial(SpatialRelation relation)
    {
        Count();
        var name = Advance().Value.ToUpperInvariant();
        Expect("(", $"after {name}");
        var (firstIsProperty, first) = GeometryOperand();
        Expect(",", $"between {name}'s two geometries");
        var (secondIsProperty, second) = GeometryOperand();
        Expect(")", $"to close {name}");
        if (firstIsProperty == secondIsProperty)
            throw Fail($"{name} relates the property {Cql2.GeometryProperty} to a literal geometry (WKT or BBOX)");
        // Seen from the stored geometry: S_CONTAINS(literal, geometry) is the geometry within the literal.
        if (!firstIsProperty)
            relation = relation switch { SpatialRelation.Contains => SpatialRelation.Within, SpatialRelation.Within => SpatialRelation.Contains, _ => relation };
        return new Cql2Spatial(relation, (first ?? second)!);
    }

    private (bool IsProperty, Geometry? Literal) GeometryOperand()
    {
        var t = _token;
        if ((t.Kind is TokenKind.Word or TokenKind.Name) && t.Value == Cql2.GeometryProperty) { Advance(); return (true, null); }
        if (t.Kind == TokenKind.Word && string.Equals(t.Value, "BBOX", StringComparison.OrdinalIgnoreCase))
        {
            Advance();
            Expect("(", "after BBOX");
            var n = new List<double>();
            while (true)
            {
                var number = Scalar();
                if (number.Kind != "number") throw Fail("BBOX takes four numbers: minX, minY, maxX, maxY in filter-crs", number.At);
                n.Add((double)number.Value!);
                if (!IsSymbol(",")) break;
                Advance();
            }
            Expect(")", "to close BBOX");
            if (n.Count is not (4 or 6)) throw Fail("BBOX takes four numbers (or six with heights): minX, minY, maxX, maxY in filter-crs", t.At);
            var (x1, y1, x2, y2) = n.Count == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
            if (x1 > x2 || y1 > y2) throw Fail("BBOX lists the lower-left corner before the upper-right one", t.At);
            var ring = new[] { new Coordinate(x1, y1), new Coordinate(x2, y1), new Coordinate(x2, y2), new Coordinate(x1, y2), new Coordinate(x1, y1) };
            return (false, CrsTransform.ToCrs84(_crs, CrsTransform.Crs84Factory.CreatePolygon(ring)));
        }
        if (t.Kind == TokenKind.Word && Array.IndexOf(GeometryWords, t.Value.ToUpperInvariant()) >= 0)
        {
            // The WKT runs to the parenthesis that closes its first one; NetTopologySuite reads it.
            var end = t.At + t.Value.Length;
            var depth = 0;
            for (; end < _text.Length; end++)
            {
                var ch = _text[end];
                if (ch == '(') depth++;
                else if (ch == ')')
                {
                    if (depth == 0) break;
                    if (--depth == 0) { end++; break; }
                }
                else if (depth == 0 && !char.IsWhiteSpace(ch) && !char.IsLetter(ch)) break;
            }
            if (depth != 0) throw Fail($"the {t.Value} literal is not closed", t.At);
            Geometry geometry;
            try { geometry = new WKTReader(CrsTransform.Crs84Factory.GeometryServices).Read(_text[t.At..end]); }
            catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
            {
                throw Fail($"the {t.Value.ToUpperInvariant()} literal is not valid WKT: {e.Message}", t.At);
            }
            if (geometry.IsEmpty) throw Fail($"the {t.Value.ToUpperInvariant()} literal is empty", t.At);
            _pos = end;
            _token = Lex();
            return (false, CrsTransform.ToCrs84(_crs, geometry));
        }
        throw Fail($"expected {Cql2.GeometryProperty} or a geometry literal (POINT, LINESTRING, POLYGON, …, or BBOX), found {Describe(t)}", t.At);
    }
}
