namespace DataHub.Api.Data;

/// <summary>
/// One create, update or retire of a versioned resource, in commit order (<see cref="Sequence"/>): the change feed.
/// Appended in the transaction of the write it records; never changed or deleted.
/// </summary>
public sealed class ChangeEvent
{
    public long Sequence { get; set; }
    public required string ResourceType { get; set; }
    public Guid ResourceId { get; set; }
    /// <summary>created, updated or retired.</summary>
    public required string Kind { get; set; }
    public int Version { get; set; }
    public DateTime At { get; set; }
    public required string OwnerCode { get; set; }
}

public sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> e)
    {
        e.ToTable("change_events");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.ResourceType).HasMaxLength(40);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.HasIndex(x => new { x.ResourceType, x.ResourceId });
    }
}
