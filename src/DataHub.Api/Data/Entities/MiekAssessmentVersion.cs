namespace DataHub.Api.Data;

/// <summary>
/// A version of one assessment of a MIEK project: a score on one criterion of the weighing framework, or the
/// prioritisation decision, each with its rationale and author. Versioned per (project, kind, criterion), so every
/// score and decision can be traced, including for projects that were not included.
/// </summary>
public sealed class MiekAssessmentVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "miekAssessment";
    Guid IVersionRow.ResourceId => AssessmentId;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid ProjectId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    /// <summary>The province whose project it is.</summary>
    public required string OwnerCode { get; set; }
    /// <summary>score or decision.</summary>
    public required string Kind { get; set; }
    /// <summary>The criterion (A–H) of a score; "" for the decision.</summary>
    public required string Criterion { get; set; }
    /// <summary>The scale value, the decision, or the amount (criterion H) as text.</summary>
    public required string Value { get; set; }
    public required string Rationale { get; set; }
    public required string AuthorOrganisation { get; set; }
    public required string ChangedBy { get; set; }
}

public sealed class MiekAssessmentVersionConfiguration : IEntityTypeConfiguration<MiekAssessmentVersion>
{
    public void Configure(EntityTypeBuilder<MiekAssessmentVersion> e)
    {
        e.ToTable("miek_assessment_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.AssessmentId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.ProjectId, x.Kind, x.Criterion, x.Version }).IsUnique();
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Criterion).HasMaxLength(8);
    }
}
