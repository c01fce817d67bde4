namespace DataHub.Api.Data;

/// <summary>A what-if variant an organisation defined: kept for it only (variants reveal plans).</summary>
public sealed class VariantRecord
{
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string Name { get; set; }
    /// <summary>The changes, as JSON (geometries in CRS84).</summary>
    public required string ChangesJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class VariantRecordConfiguration : IEntityTypeConfiguration<VariantRecord>
{
    public void Configure(EntityTypeBuilder<VariantRecord> e)
    {
        e.ToTable("variants");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.OwnerCode);
    }
}
