using DataHub.Api.Data;
using DataHub.Api.Features.Developments;
using NetTopologySuite.Geometries;

namespace DataHub.UnitTests;

/// <summary>The list's keyset cursors: what a page ends on comes back as the same position, and a cursor of another order or a forged one is refused.</summary>
public sealed class DevelopmentPagingTests
{
    private static DevelopmentVersion Row(long seq, string name, DateTime validFrom) => new()
    {
        Seq = seq, Name = name, ValidFrom = validFrom, OwnerCode = "GM0344", ExternalId = "x", ChangedBy = "t", ChangeKind = "created", PlanType = "RES",
        Sector = "housing", Kind = "newBuildHomes", AssetType = "consumer", Certainty = "planned", Visibility = "public", OtherMunicipalityCodes = "[]",
        Geometry = new Point(5.1, 52.1) { SRID = 4326 }, QuantitiesJson = "[]", EnergyJson = "{}", CarriersJson = "[]", SourceJson = "{}", ContentHash = "h",
    };

    [Fact]
    public void A_creation_order_cursor_is_the_rows_sequence_number()
    {
        var filter = new DevelopmentFilter { Sort = DevelopmentPaging.BySeq };
        var cursor = DevelopmentPaging.CursorOf(Row(123_456_789_012, "A", DateTime.UtcNow), filter);
        Assert.Equal("123456789012", cursor);
        Assert.Equal((123_456_789_012L, (string?)null), DevelopmentPaging.ParseCursor(cursor, DevelopmentPaging.BySeq));
    }

    [Theory]
    [InlineData("Windpark Zeewolde")]
    [InlineData("Zonneveld ‘De Ûtwei’ — fase 2 / 3 + opslag")] // non-ASCII, '/', '+': the URL-safe alphabet
    [InlineData("Twee\nregels")]                                  // the separator inside the value
    [InlineData("")]
    public void A_name_order_cursor_comes_back_as_the_same_name_and_sequence_number(string name)
    {
        var filter = new DevelopmentFilter { Sort = DevelopmentPaging.ByName };
        var cursor = DevelopmentPaging.CursorOf(Row(42, name, DateTime.UtcNow), filter);
        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.Equal((42L, name), DevelopmentPaging.ParseCursor(cursor, DevelopmentPaging.ByName));
    }

    [Fact]
    public void An_updated_at_cursor_keeps_the_moment_to_the_tick()
    {
        var at = new DateTime(2026, 11, 30, 13, 45, 12, DateTimeKind.Utc).AddTicks(1234);
        var filter = new DevelopmentFilter { Sort = DevelopmentPaging.ByUpdatedAt };
        var (seq, value) = DevelopmentPaging.ParseCursor(DevelopmentPaging.CursorOf(Row(7, "x", at), filter), DevelopmentPaging.ByUpdatedAt);
        Assert.Equal(7L, seq);
        Assert.Equal(at.Ticks, long.Parse(value!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_cursor_of_another_order_or_a_forged_one_is_refused()
    {
        var byName = DevelopmentPaging.CursorOf(Row(42, "Windpark", DateTime.UtcNow), new DevelopmentFilter { Sort = DevelopmentPaging.ByName });
        Assert.Equal((null, null), DevelopmentPaging.ParseCursor(byName, DevelopmentPaging.ByUpdatedAt));
        Assert.Equal((null, null), DevelopmentPaging.ParseCursor(byName, DevelopmentPaging.BySeq));
        Assert.Equal((null, null), DevelopmentPaging.ParseCursor("-5", DevelopmentPaging.BySeq));
        Assert.Equal((null, null), DevelopmentPaging.ParseCursor("not base64!", DevelopmentPaging.ByName));
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("updatedAt\n42\nyesterday"));
        Assert.Equal((null, null), DevelopmentPaging.ParseCursor(forged, DevelopmentPaging.ByUpdatedAt));
    }
}
