using NetTopologySuite.Geometries;

namespace DataHub.Api.Data;

/// <summary>
/// A version of a (p)MIEK project: the project-list fields as columns to query on, the rest of the fiche (sectors,
/// developments, areas, works, finance, planning, parties, narrative, reason, dependencies, agreements) as JSON.
/// Owned by the province whose cycle it belongs to.
/// </summary>
public sealed class MiekProjectVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "miekProject";
    Guid IVersionRow.ResourceId => ProjectId;
    public long RowId { get; set; }
    public Guid ProjectId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public bool IsRetired { get; set; }
    /// <summary>The province (its CBS code) whose pMIEK the project is on.</summary>
    public required string OwnerCode { get; set; }
    public Guid CycleId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string InfrastructureType { get; set; }
    public required string Carrier { get; set; }
    public required string ProjectType { get; set; }
    public required string Status { get; set; }
    /// <summary>The organisation that proposed the project (the province itself, or a grid operator).</summary>
    public required string ProposedBy { get; set; }
    public Geometry? Geometry { get; set; }
    public required string FicheJson { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class MiekProjectVersionConfiguration : IEntityTypeConfiguration<MiekProjectVersion>
{
    public void Configure(EntityTypeBuilder<MiekProjectVersion> e)
    {
        e.ToTable("miek_project_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.ProjectId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.CycleId, x.ValidTo });
        e.HasIndex(x => new { x.OwnerCode, x.Code });
        e.Property(x => x.OwnerCode).HasMaxLength(32);
        e.Property(x => x.ProposedBy).HasMaxLength(32);
        e.Property(x => x.Code).HasMaxLength(100);
    }
}
