using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Developments;

/// <summary>A quantity in the plan's own unit, in place (cumulative) at the end of <see cref="Year"/>.</summary>
public sealed record Quantity(int Year, double Value, string Unit, double? Min = null, double? Max = null);

/// <summary>Stated energy for one carrier and year; overrides the calculation rules where given.</summary>
public sealed record StatedEnergy(int Year, string Carrier, double? PeakOfftakeMw = null, double? PeakFeedInMw = null, double? AnnualEnergyMwh = null);

public sealed record SourceContact(string? Name = null, string? Email = null, string? Phone = null);

/// <summary>Where the data comes from and under which terms.</summary>
public sealed record SourceMetadata(string? Licence = null, string? Attribution = null, string? Url = null, SourceContact? Contact = null);

/// <summary>What a submitter sends: the properties of a development Feature, validated.</summary>
public sealed record DevelopmentInput(
    string ExternalId,
    string Name,
    string? Description,
    string PlanType,
    string? Plan,
    string Sector,
    string Kind,
    string AssetType,
    string Certainty,
    string? Visibility,
    int? CommissioningYear,
    int? DecommissioningYear,
    IReadOnlyList<Quantity> Quantities,
    IReadOnlyList<StatedEnergy> Energy,
    IReadOnlyList<string> Carriers,
    SourceMetadata Source,
    Geometry Geometry);

/// <summary>A development as the hub returns it: a GeoJSON Feature.</summary>
public sealed record DevelopmentFeature(
    Guid Id,
    Geometry Geometry,
    DevelopmentProperties Properties,
    IReadOnlyList<Link> Links)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

public sealed record DevelopmentProperties(
    Guid Id,
    string ExternalId,
    string Owner,
    string Name,
    string? Description,
    string PlanType,
    Guid? Plan,
    string Sector,
    string Kind,
    string AssetType,
    string Certainty,
    string Visibility,
    int? CommissioningYear,
    int? DecommissioningYear,
    IReadOnlyList<Quantity> Quantities,
    IReadOnlyList<StatedEnergy> Energy,
    IReadOnlyList<string> Carriers,
    SourceMetadata Source,
    string? MunicipalityCode,
    string? ProvinceCode,
    string? ResRegionCode,
    IReadOnlyList<string> OtherMunicipalityCodes,
    int Version,
    bool Retired,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ValidTo,
    string ChangeKind,
    IReadOnlyList<string>? Withheld = null);

/// <summary>A page of developments: an RFC 7946 FeatureCollection with OGC API paging members.</summary>
public sealed record DevelopmentCollection(
    IReadOnlyList<DevelopmentFeature> Features,
    long NumberMatched,
    int NumberReturned,
    IReadOnlyList<Link> Links,
    DateTime TimeStamp)
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

public sealed record Link(string Href, string Rel, string? Type = null, string? Title = null);
