using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>A version of a grid operator's station (HS/MS substation): location, voltage levels, the energy area it feeds.</summary>
public sealed class StationVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "station";
    Guid IVersionRow.ResourceId => StationId;
    string IVersionRow.OwnerCode => OperatorCode;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid StationId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OperatorCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>JSON array of voltage levels in kV, highest first.</summary>
    public required string VoltagesJson { get; set; }
    public string? EnergyAreaShortCode { get; set; }
    public required Geometry Geometry { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class StationVersionConfiguration : IEntityTypeConfiguration<StationVersion>
{
    public void Configure(EntityTypeBuilder<StationVersion> e)
    {
        e.ToTable("station_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.StationId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.OperatorCode, x.Code }).IsUnique().HasFilter("valid_to IS NULL");
    }
}
