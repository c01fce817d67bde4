namespace DataHub.Api.Data;

/// <summary>A source plan (RES, CES, woonagenda, …) that developments refer to. Versioned like every record.</summary>
public sealed class PlanVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "plan";
    Guid IVersionRow.ResourceId => PlanId;
    public long RowId { get; set; }
    public Guid PlanId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public bool IsRetired { get; set; }
    public required string OwnerCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string PlanType { get; set; }
    public string? PlanVersionLabel { get; set; }
    public required string Status { get; set; }
    public int? PeriodStart { get; set; }
    public int? PeriodEnd { get; set; }
    public string? Description { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> e)
    {
        e.ToTable("plan_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.PlanId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.OwnerCode, x.Code }).IsUnique().HasFilter("valid_to IS NULL"); // one current plan per code: a concurrent create is a conflict
    }
}
