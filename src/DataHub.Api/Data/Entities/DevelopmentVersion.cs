using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>
/// One version of a development. Every write adds a version; the current one has <see cref="ValidTo"/> null.
/// A retired development's current version has <see cref="IsRetired"/> set.
/// </summary>
public sealed class DevelopmentVersion : ISpatialRow, IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "development";
    Guid IVersionRow.ResourceId => DevelopmentId;
    public long RowId { get; set; }
    public long Seq { get; set; }
    public Guid DevelopmentId { get; set; }
    public required string OwnerCode { get; set; }
    public required string ExternalId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsRetired { get; set; }
    public required string ChangedBy { get; set; }
    public required string ChangeKind { get; set; }
    public Guid? ImportId { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string PlanType { get; set; }
    public Guid? PlanId { get; set; }
    public required string Sector { get; set; }
    public required string Kind { get; set; }
    public required string AssetType { get; set; }
    public required string Certainty { get; set; }
    public required string Visibility { get; set; }
    public int FirstYear { get; set; }
    public int? LastYear { get; set; }
    public int? CommissioningYear { get; set; }
    public int? DecommissioningYear { get; set; }

    public string? MunicipalityCode { get; set; }
    public string? ProvinceCode { get; set; }
    public string? ResRegionCode { get; set; }
    /// <summary>JSON array of the other municipality codes the geometry touches.</summary>
    public required string OtherMunicipalityCodes { get; set; }

    public required Geometry Geometry { get; set; }
    public double MinX { get; set; }
    public double MinY { get; set; }
    public double MaxX { get; set; }
    public double MaxY { get; set; }

    /// <summary>JSON of quantities, stated energy, carriers and source metadata, exactly as the contract defines them.</summary>
    public required string QuantitiesJson { get; set; }
    public required string EnergyJson { get; set; }
    public required string CarriersJson { get; set; }
    public required string SourceJson { get; set; }
    /// <summary>Hash of the submitted content, so a re-import of the same feature is reported as unchanged.</summary>
    public required string ContentHash { get; set; }

    /// <summary>A copy to become the next version (the store sets its version, validity and author).</summary>
    public DevelopmentVersion NextVersion()
    {
        var next = (DevelopmentVersion)MemberwiseClone();
        next.RowId = 0;
        return next;
    }
}

public sealed class DevelopmentVersionConfiguration : IEntityTypeConfiguration<DevelopmentVersion>
{
    public void Configure(EntityTypeBuilder<DevelopmentVersion> e)
    {
        e.ToTable("development_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.DevelopmentId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.ValidTo, x.Seq });
        e.HasIndex(x => new { x.Seq, x.ValidFrom });
        e.HasIndex(x => x.MunicipalityCode);
        e.HasIndex(x => x.ProvinceCode);
        e.HasIndex(x => x.ValidFrom);
        e.HasOne<DevelopmentRecord>().WithMany().HasForeignKey(x => x.Seq).HasPrincipalKey(x => x.Seq);
    }
}
