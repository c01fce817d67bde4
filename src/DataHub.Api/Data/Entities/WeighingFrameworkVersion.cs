namespace DataHub.Api.Data;

/// <summary>
/// A version of a province's weighing framework (afwegingskader): its criteria with their scales and who scores
/// them, as JSON. A province without one weighs with the default of the handreiking.
/// </summary>
public sealed class WeighingFrameworkVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "weighingFramework";
    Guid IVersionRow.ResourceId => FrameworkId;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid FrameworkId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    /// <summary>The province whose framework it is.</summary>
    public required string OwnerCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>JSON [Criterion].</summary>
    public required string CriteriaJson { get; set; }
    public required string ChangedBy { get; set; }
}

public sealed class WeighingFrameworkVersionConfiguration : IEntityTypeConfiguration<WeighingFrameworkVersion>
{
    public void Configure(EntityTypeBuilder<WeighingFrameworkVersion> e)
    {
        e.ToTable("weighing_framework_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.FrameworkId, x.Version }).IsUnique();
        // One framework per province: a concurrent first write of the same province fails instead of forking it.
        e.HasIndex(x => x.OwnerCode).IsUnique().HasFilter("valid_to IS NULL");
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.Code).HasMaxLength(100);
    }
}
