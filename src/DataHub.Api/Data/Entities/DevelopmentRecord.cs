namespace DataHub.Api.Data;

/// <summary>The stable identity of a development: one row per (owner, externalId), never changed.</summary>
public sealed class DevelopmentRecord
{
    /// <summary>Creation order; the paging key of lists.</summary>
    public long Seq { get; set; }
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string ExternalId { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class DevelopmentRecordConfiguration : IEntityTypeConfiguration<DevelopmentRecord>
{
    public void Configure(EntityTypeBuilder<DevelopmentRecord> e)
    {
        e.ToTable("developments");
        e.HasKey(x => x.Seq);
        e.HasIndex(x => x.Id).IsUnique();
        e.HasIndex(x => new { x.OwnerCode, x.ExternalId }).IsUnique();
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.ExternalId).HasMaxLength(200);
    }
}
