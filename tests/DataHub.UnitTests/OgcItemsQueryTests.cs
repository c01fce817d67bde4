using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;
using Microsoft.Extensions.Primitives;

namespace DataHub.UnitTests;

/// <summary>OGC API – Features' items parameters: what a GIS client sends is read as the standard says, and anything else is named.</summary>
public sealed class OgcItemsQueryTests
{
    private static readonly OgcProperty[] Queryables = [new("planType", "string", "plan type", Filterable: true), new("owner", "string", "owner", Filterable: true)];

    private static (OgcItemsQuery? Query, List<DataHub.Api.Http.FieldError> Errors) Parse(string query) =>
        OgcItemsQuery.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query), Queryables);

    [Fact]
    public void A_limit_over_the_maximum_is_clamped_not_refused()
    {
        Assert.Equal(OgcItemsQuery.MaxLimit, Parse("limit=999999").Query!.Limit);
        Assert.Equal(OgcItemsQuery.DefaultLimit, Parse("").Query!.Limit);
        Assert.Equal("limit", Assert.Single(Parse("limit=0").Errors).Parameter);
    }

    [Fact]
    public void A_bbox_in_RD_New_becomes_the_CRS84_box_around_it()
    {
        var box = Parse("bbox=130000,450000,140000,460000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/28992").Query!.Bbox!;
        Assert.InRange(box.MinX, 5.0, 5.2);
        Assert.InRange(box.MaxY, 52.1, 52.2);
    }

    [Fact]
    public void An_ETRS89_bbox_is_read_latitude_first_as_its_EPSG_axis_order_says()
    {
        var box = Parse("bbox=52.0,5.0,52.2,5.3&bbox-crs=EPSG:4258").Query!.Bbox!;
        Assert.Equal((5.0, 52.0, 5.3, 52.2), (box.MinX, box.MinY, box.MaxX, box.MaxY));
    }

    [Fact]
    public void A_datetime_instant_is_both_ends_and_an_open_interval_has_one()
    {
        var instant = Parse("datetime=2031-06-01T00:00:00Z").Query!;
        Assert.Equal((2031, 2031), (instant.From!.Value.Year, instant.To!.Value.Year));
        var open = Parse("datetime=2030-01-01/..").Query!;
        Assert.Equal(2030, open.From!.Value.Year);
        Assert.Null(open.To);
        Assert.Equal("datetime", Assert.Single(Parse("datetime=../..").Errors).Parameter);
        Assert.Equal("datetime", Assert.Single(Parse("datetime=2032-01-01/2030-01-01").Errors).Parameter);
    }

    [Fact]
    public void A_queryable_takes_a_list_of_values_and_anything_unknown_is_named()
    {
        Assert.Equal(["RES", "CES"], Parse("planType=RES,CES").Query!.PropertyEquals["planType"]);
        var (query, errors) = Parse("colour=red&bboxCrs=EPSG:28992");
        Assert.Null(query);
        Assert.Equal(["colour", "bboxCrs"], errors.Select(e => e.Parameter));
    }

    [Fact]
    public void A_response_crs_is_one_of_the_offered_ones()
    {
        Assert.Same(Crs.RdNew, Parse("crs=http://www.opengis.net/def/crs/EPSG/0/28992").Query!.ResponseCrs);
        Assert.Equal("crs", Assert.Single(Parse("crs=EPSG:3857").Errors).Parameter);
    }
}
