using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>
/// A version of an energy area (voedingsgebied) or congestion area as a grid operator delivers it in Netbeheer
/// Nederland's capacity-map format (im-capaciteitskaart v1.3). Keyed on (operator, short code); versioned.
/// </summary>
public sealed class EnergyAreaVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "energyArea";
    Guid IVersionRow.ResourceId => AreaId;
    string IVersionRow.OwnerCode => OperatorCode;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid AreaId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OperatorCode { get; set; }
    public required string ShortCode { get; set; }
    public required string Kind { get; set; }
    public string? Description { get; set; }
    public double? DemandAvailableMw { get; set; }
    public double? DemandQuotedMw { get; set; }
    public double? DemandInQueueMw { get; set; }
    public int? DemandRequestsInQueue { get; set; }
    public double? DemandForecastMw { get; set; }
    public int? DemandAlleviationYear { get; set; }
    public string? DemandConstraint { get; set; }
    public double? GenerationAvailableMw { get; set; }
    public double? GenerationQuotedMw { get; set; }
    public double? GenerationInQueueMw { get; set; }
    public int? GenerationRequestsInQueue { get; set; }
    public double? GenerationForecastMw { get; set; }
    public int? GenerationAlleviationYear { get; set; }
    public string? GenerationConstraint { get; set; }
    /// <summary>The TSO congestion areas this DSO energy area lies in (demand / generation).</summary>
    public string? DemandCongestionAreaCode { get; set; }
    public string? GenerationCongestionAreaCode { get; set; }
    /// <summary>Works with their schedules, and postcode → substation links, as the format delivers them (JSON).</summary>
    public required string WorksJson { get; set; }
    public required string PostcodeAreasJson { get; set; }
    /// <summary>The area's boundary (CRS84), pushed by the operator beside the capacity map; null until then.</summary>
    public Geometry? Geometry { get; set; }
    /// <summary>Available offtake and feed-in per year, JSON [{year, offtakeMw, feedInMw}], planned works included.</summary>
    public string CapacityJson { get; set; } = "[]";
    public Guid ImportId { get; set; }
    public required string ChangedBy { get; set; }
    public required string ContentHash { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>A copy to become the next version; the caller sets what changed.</summary>
    public EnergyAreaVersion NextVersion(DateTime now, Guid importId, string changedBy)
    {
        var next = (EnergyAreaVersion)MemberwiseClone();
        (next.RowId, next.Version, next.ValidFrom, next.ValidTo, next.ImportId, next.ChangedBy) = (0, Version + 1, now, null, importId, changedBy);
        return next;
    }
}

public sealed class EnergyAreaVersionConfiguration : IEntityTypeConfiguration<EnergyAreaVersion>
{
    public void Configure(EntityTypeBuilder<EnergyAreaVersion> e)
    {
        e.ToTable("energy_area_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.AreaId, x.Version }).IsUnique();
        // One current version per (operator, short code): a concurrent import of the same new area fails instead of forking it.
        e.HasIndex(x => new { x.OperatorCode, x.ShortCode }).IsUnique().HasFilter("valid_to IS NULL");
    }
}
