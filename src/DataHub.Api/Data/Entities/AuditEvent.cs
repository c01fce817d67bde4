namespace DataHub.Api.Data;

/// <summary>An audit record: a write, or a read of non-public data by someone other than its owner. Append-only.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Subject { get; set; }
    public string? Organisation { get; set; }
    /// <summary>read, create, update, retire, import, …</summary>
    public required string Action { get; set; }
    /// <summary>rest, graphql, ogc, export, …</summary>
    public required string Surface { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceId { get; set; }
    /// <summary>The organisation whose data it is; its OrgAdmin sees the event.</summary>
    public string? DataOwner { get; set; }
    public int RecordCount { get; set; }
    public string? Detail { get; set; }
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("audit_events");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.DataOwner, x.At });
        e.HasIndex(x => x.At);
    }
}
