namespace DataHub.Api.Data;

/// <summary>
/// One half-yearly progress update of a MIEK project: as of which date, the phase of the infrastructure, whether it
/// is on schedule or delayed, and why. Append-only: a correction is a new update, so the progress history stays as
/// it was reported.
/// </summary>
public sealed class MiekProgressUpdate : IVersionRow
{
    string IVersionRow.ResourceType => "miekProgress";
    Guid IVersionRow.ResourceId => UpdateId;
    int IVersionRow.Version => 1;
    bool IVersionRow.IsRetired => false;
    DateTime IVersionRow.ValidFrom => RecordedAt;
    public long RowId { get; set; }
    public Guid UpdateId { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary>The province whose project it is.</summary>
    public required string OwnerCode { get; set; }
    /// <summary>The date the update reports on (e.g. 2027-06-30).</summary>
    public DateOnly AsOfDate { get; set; }
    public required string Phase { get; set; }
    /// <summary>onSchedule, delayed, ahead or stopped.</summary>
    public required string Schedule { get; set; }
    public int? ExpectedDelivery { get; set; }
    public string? Reason { get; set; }
    public required string AuthorOrganisation { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class MiekProgressUpdateConfiguration : IEntityTypeConfiguration<MiekProgressUpdate>
{
    public void Configure(EntityTypeBuilder<MiekProgressUpdate> e)
    {
        e.ToTable("miek_progress_updates");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => x.UpdateId).IsUnique();
        e.HasIndex(x => new { x.ProjectId, x.AsOfDate });
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.Phase).HasMaxLength(16);
        e.Property(x => x.Schedule).HasMaxLength(16);
    }
}
