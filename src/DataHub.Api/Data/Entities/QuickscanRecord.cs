namespace DataHub.Api.Data;

/// <summary>A quickscan an organisation ran: kept for it (it reveals plans), never shown to others.</summary>
public sealed class QuickscanRecord
{
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string Subject { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string RequestJson { get; set; }
    public required string ResultJson { get; set; }
}

public sealed class QuickscanRecordConfiguration : IEntityTypeConfiguration<QuickscanRecord>
{
    public void Configure(EntityTypeBuilder<QuickscanRecord> e)
    {
        e.ToTable("quickscans");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.OwnerCode, x.CreatedAt });
    }
}
