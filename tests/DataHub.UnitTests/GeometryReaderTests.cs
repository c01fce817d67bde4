using System.Text.Json;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.UnitTests;

public sealed class GeometryReaderTests
{
    private static (Geometry? Geometry, IReadOnlyList<FieldError> Errors) Read(string json, Crs? crs = null)
    {
        var errors = new ErrorCollector();
        using var doc = JsonDocument.Parse(json);
        return (GeoJsonGeometryReader.Read(doc.RootElement, crs ?? Crs.Crs84, errors), errors.Errors);
    }

    [Fact]
    public void A_clockwise_exterior_ring_is_turned_counter_clockwise_not_rejected()
    {
        var (g, errors) = Read("""{"type":"Polygon","coordinates":[[[5.1,52.1],[5.1,52.2],[5.2,52.2],[5.2,52.1],[5.1,52.1]]]}""");
        Assert.Empty(errors);
        Assert.True(((Polygon)g!).Shell.IsCCW);
    }

    [Fact]
    public void A_hole_is_kept_clockwise()
    {
        var (g, errors) = Read("""{"type":"Polygon","coordinates":[[[5.0,52.0],[5.3,52.0],[5.3,52.3],[5.0,52.3],[5.0,52.0]],[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.2],[5.1,52.1]]]}""");
        Assert.Empty(errors);
        var p = (Polygon)g!;
        Assert.True(p.Shell.IsCCW);
        Assert.False(p.Holes[0].IsCCW);
    }

    [Fact]
    public void Each_bad_position_is_reported_with_its_own_pointer()
    {
        var (g, errors) = Read("""{"type":"LineString","coordinates":[[5.1,52.1],["x",52.2],[136000,455000],[5.3]]}""");
        Assert.Null(g);
        Assert.Equal(["/geometry/coordinates/1/0", "/geometry/coordinates/2", "/geometry/coordinates/3"], errors.Select(e => e.Pointer));
        Assert.Contains("EPSG:28992", errors[1].Message);
    }

    [Fact]
    public void RD_input_is_converted_and_its_extent_checked()
    {
        var (g, errors) = Read("""{"type":"Point","coordinates":[155000,463000]}""", Crs.RdNew);
        Assert.Empty(errors);
        Assert.Equal(5.38720, g!.Coordinate.X, 0.0001);
        var (_, bad) = Read("""{"type":"Point","coordinates":[5.1,52.1]}""", Crs.RdNew);
        Assert.Equal("outsideNetherlands", Assert.Single(bad).Code);
    }

    [Fact]
    public void A_geometry_spanning_more_than_the_country_is_too_large()
    {
        var (_, errors) = Read("""{"type":"LineString","coordinates":[[2.5,50.8],[7.5,55.5]]}""");
        Assert.Equal("tooLarge", Assert.Single(errors).Code);
    }

    [Fact]
    public void A_self_intersection_names_where_it_is()
    {
        var (_, errors) = Read("""{"type":"Polygon","coordinates":[[[5.10,52.08],[5.12,52.10],[5.12,52.08],[5.10,52.10],[5.10,52.08]]]}""");
        var e = Assert.Single(errors);
        Assert.Equal("invalidGeometry", e.Code);
        Assert.Contains("5.11", e.Message);
    }
}
