namespace DataHub.Api.Data;

/// <summary>
/// A version of a programme cycle (e.g. pMIEK 3.0 of a province, or the national MIEK round): its milestones and,
/// once frozen, the baseline moment every asOf question of the cycle is asked at.
/// </summary>
public sealed class ProgrammeCycleVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "programmeCycle";
    Guid IVersionRow.ResourceId => CycleId;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid CycleId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OwnerCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }
    /// <summary>"national" or the province code the cycle is for.</summary>
    public required string Scope { get; set; }
    public string? Description { get; set; }
    /// <summary>JSON [{kind, date}].</summary>
    public required string MilestonesJson { get; set; }
    public DateTime? BaselineAt { get; set; }
    /// <summary>When the province published (adopted) its pMIEK of this cycle.</summary>
    public DateTime? PublishedAt { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class ProgrammeCycleVersionConfiguration : IEntityTypeConfiguration<ProgrammeCycleVersion>
{
    public void Configure(EntityTypeBuilder<ProgrammeCycleVersion> e)
    {
        e.ToTable("programme_cycle_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.CycleId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.OwnerCode, x.Code });
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.Code).HasMaxLength(100);
        e.Property(x => x.Scope).HasMaxLength(16);
    }
}
