using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.UnitTests;

/// <summary>CQL2 text: what the parser reads and refuses, and how a filter decides a feature in memory (three-valued, as SQL).</summary>
public sealed class Cql2Tests
{
    private static readonly OgcProperty[] Queryables =
    [
        new("name", "string", "name", Filterable: true),
        new("year", "integer", "year", Filterable: true),
        new("headroomMw", "number", "headroom", Filterable: true),
        new("short", "boolean", "short", Filterable: true),
        new("updatedAt", "string", "written", "date-time", Filterable: true),
    ];

    private static Cql2Node Parse(string text, Crs? crs = null)
    {
        var (node, error) = Cql2Parser.Parse(text, Queryables, crs ?? Crs.Crs84);
        Assert.True(node is not null, error);
        return node!;
    }

    private static string Error(string text)
    {
        var (node, error) = Cql2Parser.Parse(text, Queryables, Crs.Crs84);
        Assert.Null(node);
        return error!;
    }

    private static readonly Dictionary<string, object?> Zonnepark = new()
    {
        ["name"] = "Zonnepark O'Brien", ["year"] = 2031, ["headroomMw"] = -2.5, ["short"] = true,
        ["updatedAt"] = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc),
    };

    private static readonly Point AtDom = new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(5.1214, 52.0907));

    private static bool Matches(string filter, IReadOnlyDictionary<string, object?>? properties = null) =>
        Cql2Evaluator.Matches(Parse(filter), properties ?? Zonnepark, AtDom);

    [Theory]
    [InlineData("year = 2031", true)]
    [InlineData("year <> 2031", false)]
    [InlineData("2030 < year", true)] // a literal on the left
    [InlineData("year >= 2031.5", false)]
    [InlineData("headroomMw < 0 AND short = TRUE", true)]
    [InlineData("name = 'Zonnepark O''Brien'", true)] // '' is a quote inside text
    [InlineData("name < 'Zz'", true)]
    [InlineData("year BETWEEN 2030 AND 2031", true)]
    [InlineData("year NOT BETWEEN 2030 AND 2031", false)]
    [InlineData("year IN (2025, 2031)", true)]
    [InlineData("year NOT IN (2025, 2030)", true)]
    [InlineData("name LIKE 'Zon%'", true)]
    [InlineData("name LIKE 'zon%'", false)] // LIKE minds case
    [InlineData("name ILIKE 'zon%'", true)]
    [InlineData("name LIKE 'Zonnepark O_Brien'", true)]
    [InlineData("name LIKE 'Zonnepark\\%'", false)] // \% is a percent sign, not a wildcard
    [InlineData("updatedAt > TIMESTAMP('2026-10-01T00:00:00Z')", true)]
    [InlineData("updatedAt < DATE('2026-11-01')", false)]
    [InlineData("updatedAt > '2026-10-01T00:00:00Z'", true)] // GDAL writes times quoted
    [InlineData("NOT (year = 2025) AND (name IS NOT NULL OR FALSE)", true)]
    [InlineData("S_INTERSECTS(geometry, BBOX(5.0, 52.0, 5.2, 52.2))", true)]
    [InlineData("S_INTERSECTS(geometry, POLYGON((5.2 52.0, 5.3 52.0, 5.3 52.2, 5.2 52.0)))", false)]
    [InlineData("S_WITHIN(geometry, POLYGON((5.0 52.0, 5.3 52.0, 5.3 52.2, 5.0 52.2, 5.0 52.0)))", true)]
    [InlineData("S_CONTAINS(POLYGON((5.0 52.0, 5.3 52.0, 5.3 52.2, 5.0 52.2, 5.0 52.0)), geometry)", true)] // the literal contains the feature
    [InlineData("S_DISJOINT(geometry, POINT(4 51))", true)]
    [InlineData("s_intersects(\"geometry\", point(5.1214 52.0907)) and not name like 'Wind%'", true)] // keywords in any case
    public void A_filter_decides_a_feature(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("year = 2031")]
    [InlineData("year <> 2031")]
    [InlineData("year > 2000")]
    [InlineData("name LIKE '%'")]
    [InlineData("year IN (2031)")]
    public void A_comparison_with_an_empty_value_is_neither_true_nor_false(string filter)
    {
        var empty = new Dictionary<string, object?> { ["name"] = null, ["year"] = null };
        Assert.False(Matches(filter, empty));
        Assert.False(Matches($"NOT ({filter})", empty));
        Assert.True(Matches($"({filter}) OR TRUE", empty));
        Assert.False(Matches($"({filter}) AND TRUE", empty));
    }

    [Fact]
    public void A_geometry_literal_in_RD_New_is_read_in_RD_New()
    {
        // The Domplein is at (136784, 455860) in RD New (gdaltransform).
        Assert.True(Cql2Evaluator.Matches(Parse("S_INTERSECTS(geometry, BBOX(136700, 455800, 136850, 455900))", Crs.RdNew), Zonnepark, AtDom));
        Assert.False(Cql2Evaluator.Matches(Parse("S_INTERSECTS(geometry, BBOX(136800, 455800, 136850, 455900))", Crs.RdNew), Zonnepark, AtDom));
        // ETRS89 is latitude first.
        Assert.True(Cql2Evaluator.Matches(Parse("S_INTERSECTS(geometry, BBOX(52.0, 5.0, 52.2, 5.2))", Crs.Etrs89), Zonnepark, AtDom));
    }

    [Fact]
    public void The_canonical_text_is_the_same_for_the_same_filter_however_it_is_written()
    {
        Assert.Equal(Parse("year=2031 and name like 'A%'").Text, Parse("(\"year\" = 2031) AND (name LIKE 'A%')").Text);
        Assert.NotEqual(Parse("year = 2031").Text, Parse("year = 2032").Text);
    }

    [Theory]
    [InlineData("colour = 'red'", "'colour' is not a queryable")]
    [InlineData("year = 'x'", "'year' is an integer")]
    [InlineData("name = 5", "'name' is text")]
    [InlineData("short > TRUE", "compares with = or <> only")]
    [InlineData("name LIKE 5", "LIKE takes a text pattern")]
    [InlineData("year LIKE '20%'", "LIKE compares text")]
    [InlineData("year = headroomMw", "comparing two properties is not supported")]
    [InlineData("year + 1 > 2030", "arithmetic is not supported")]
    [InlineData("T_AFTER(updatedAt, TIMESTAMP('2020-01-01T00:00:00Z'))", "temporal functions are not supported")]
    [InlineData("CASEI(name) = 'a'", "CASEI is not supported")]
    [InlineData("name = 'open", "not closed")]
    [InlineData("year = 2031 year", "unexpected 'year'")]
    [InlineData("year =", "expected a property or a literal")]
    [InlineData("(year = 2031", "expected ')'")]
    [InlineData("S_INTERSECTS(geometry, geometry)", "relates the property geometry to a literal geometry")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((1 2, 3)))", "not valid WKT")]
    [InlineData("S_INTERSECTS(geometry, BBOX(5, 52, 4, 53))", "lower-left corner")]
    [InlineData("geometry = 'x'", "spatial functions")]
    [InlineData("updatedAt > DATE('tomorrow')", "is not a date")]
    public void An_unsupported_or_malformed_filter_is_refused_saying_what_and_where(string filter, string message)
    {
        var error = Error(filter);
        Assert.Contains(message, error);
        Assert.Contains("(at character ", error);
    }

    [Fact]
    public void A_filter_too_deep_too_long_or_too_wide_is_refused_not_a_stack_overflow()
    {
        var deep = new string('(', 2_000) + "year = 1" + new string(')', 2_000);
        Assert.Contains("nests more than", Error(deep));
        Assert.Contains("nests more than", Error(string.Concat(Enumerable.Repeat("NOT ", 2_000)) + "year = 1"));
        Assert.Contains("longer than", Error(new string(' ', Cql2Parser.MaxLength) + "year = 1"));
        Assert.Contains("more than 256 comparisons", Error(string.Join(" OR ", Enumerable.Repeat("year = 1", 300))));
    }
}
