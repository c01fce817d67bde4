using DataHub.Api.Spatial;

namespace DataHub.UnitTests;

public sealed class CrsTests
{
    [Theory]
    // Reference values from GDAL/PROJ (gdaltransform -s_srs EPSG:28992 -t_srs OGC:CRS84) with the same
    // 7-parameter datum shift; RDNAPTRANS's grid would move them by under a metre.
    [InlineData(155_000, 463_000, 5.38720351, 52.15517230)]  // the RD origin, Amersfoort
    [InlineData(121_687, 487_484, 4.89800989, 52.37421816)]  // Amsterdam
    [InlineData(136_898, 455_820, 5.12306955, 52.09034298)]  // Utrecht
    [InlineData(250_000, 600_000, 6.81474741, 53.37787333)]  // the Wadden, far from the origin
    [InlineData(10_000, 300_000, 3.33601743, 50.67179904)]   // the south-west corner of the extent
    public void RD_New_converts_to_CRS84_within_a_metre(double x, double y, double lon, double lat)
    {
        var (gotLon, gotLat) = CrsTransform.ToCrs84(Crs.RdNew, x, y);
        Assert.Equal(lon, gotLon, 0.000005);
        Assert.Equal(lat, gotLat, 0.000005);
        var (backX, backY) = CrsTransform.FromCrs84(Crs.RdNew, gotLon, gotLat);
        Assert.Equal(x, backX, 0.05);
        Assert.Equal(y, backY, 0.05);
    }

    [Theory]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/28992", "EPSG:28992")]
    [InlineData("<http://www.opengis.net/def/crs/EPSG/0/28992>", "EPSG:28992")]
    [InlineData("EPSG:4258", "EPSG:4258")]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84")]
    [InlineData(null, "CRS84")]
    [InlineData("", "CRS84")]
    public void Known_crs_names_parse(string? value, string shortName) => Assert.Equal(shortName, Crs.Parse(value)!.ShortName);

    [Theory]
    [InlineData("EPSG:3857")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326x")]
    [InlineData("banana")]
    public void Unknown_crs_names_do_not_parse(string value) => Assert.Null(Crs.Parse(value));

    [Fact]
    public void ETRS89_is_latitude_first()
    {
        Assert.Equal((5.1, 52.0), CrsTransform.ToCrs84(Crs.Etrs89, 52.0, 5.1));
        Assert.Equal((52.0, 5.1), CrsTransform.FromCrs84(Crs.Etrs89, 5.1, 52.0));
    }
}
