using DataHub.Api.Spatial;
using NetTopologySuite.IO;

namespace DataHub.UnitTests;

public sealed class AreaDerivationTests
{
    private static readonly AreaCatalogue Areas = AreaCatalogue.Instance;
    private static readonly WKTReader Wkt = new();

    [Fact]
    public void The_catalogue_holds_every_2025_area_and_links_municipalities_to_their_province_and_RES_region()
    {
        Assert.Equal(342, Areas.Municipalities.Count);
        Assert.Equal(12, Areas.Provinces.Count);
        Assert.Equal(30, Areas.ResRegions.Count);
        Assert.All(Areas.Municipalities, m => Assert.NotNull(m.ProvinceCode));
        Assert.All(Areas.Municipalities, m => Assert.NotNull(m.ResRegionCode));
        Assert.Equal(26, Areas.Municipalities.Count(m => m.ProvinceCode == "PV26"));
        Assert.Equal("PV27", Areas.ByCode["GM0363"].ProvinceCode); // Amsterdam, Noord-Holland
        Assert.Equal("PV20", Areas.ByCode["GM0014"].ProvinceCode);
    }

    [Theory]
    [InlineData("POINT (5.1214 52.0907)", "GM0344", "PV26")]         // Utrecht
    [InlineData("POINT (4.8952 52.3702)", "GM0363", "PV27")]         // Amsterdam
    [InlineData("POINT (5.6971 50.8514)", "GM0935", "PV31")]         // Maastricht
    public void A_point_takes_the_municipality_it_lies_in(string wkt, string municipality, string province)
    {
        var d = Areas.Derive(SetSrid(wkt));
        Assert.Equal(municipality, d.MunicipalityCode);
        Assert.Equal(province, d.ProvinceCode);
        Assert.Empty(d.OtherMunicipalityCodes);
    }

    [Fact]
    public void A_polygon_takes_its_largest_overlap_and_lists_the_others_by_overlap()
    {
        // A box centred in Utrecht that reaches into its neighbours.
        var d = Areas.Derive(SetSrid("POLYGON ((5.05 52.05, 5.20 52.05, 5.20 52.13, 5.05 52.13, 5.05 52.05))"));
        Assert.Equal("GM0344", d.MunicipalityCode);
        Assert.Equal("PV26", d.ProvinceCode);
        Assert.True(d.OtherMunicipalityCodes.Count >= 2);
        Assert.DoesNotContain("GM0344", d.OtherMunicipalityCodes);
    }

    [Fact]
    public void A_line_is_weighed_by_length()
    {
        // Mostly inside Utrecht, its end just into a neighbour.
        var d = Areas.Derive(SetSrid("LINESTRING (5.00 52.09, 5.14 52.09, 5.24 52.09)"));
        Assert.Equal("GM0344", d.MunicipalityCode);
        Assert.NotEmpty(d.OtherMunicipalityCodes);
    }

    [Fact]
    public void A_point_far_at_sea_has_no_areas_and_one_just_off_the_simplified_coast_does()
    {
        Assert.Equal(DerivedAreas.None, Areas.Derive(SetSrid("POINT (4.0 53.0)")));
        // Just outside Den Helder's simplified boundary, still within the coast tolerance.
        var coast = Areas.Derive(SetSrid("POINT (4.7165 52.9600)"));
        Assert.Equal("PV27", coast.ProvinceCode);
    }

    private static NetTopologySuite.Geometries.Geometry SetSrid(string wkt)
    {
        var g = Wkt.Read(wkt);
        g.SRID = 4326;
        return g;
    }
}
