using DataHub.Api.Operations;
using Microsoft.Extensions.Time.Testing;

namespace DataHub.UnitTests;

/// <summary>The one asOf rule every surface applies.</summary>
public sealed class AsOfTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Absent_means_now() => Assert.Equal((null, null), AsOf.Parse("", Clock));

    [Theory]
    [InlineData("2026-01-15T00:00:00Z", "2026-01-15T00:00:00")]
    [InlineData("2026-01-15T01:00:00+01:00", "2026-01-15T00:00:00")]
    [InlineData("2026-01-15T00:00:00", "2026-01-15T00:00:00")] // no offset: UTC
    public void A_past_moment_is_read_in_UTC(string raw, string utc)
    {
        var (at, error) = AsOf.Parse(raw, Clock);
        Assert.Null(error);
        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(DateTimeKind.Utc, at!.Value.Kind);
    }

    [Fact]
    public void A_future_moment_is_refused_naming_the_parameter()
    {
        var (at, error) = AsOf.Parse("2027-03-01T12:00:01Z", Clock);
        Assert.Null(at);
        Assert.Equal(("outOfRange", "asOf"), (error!.Code, error.Parameter));
        Assert.Null(AsOf.Check(new DateTime(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc), Clock));
        Assert.NotNull(AsOf.Check(new DateTime(2027, 3, 2, 0, 0, 0, DateTimeKind.Utc), Clock));
    }

    [Fact]
    public void Not_a_date_time_is_invalid_format() => Assert.Equal("invalidFormat", AsOf.Parse("yesterday", Clock).Error!.Code);
}
