namespace DataHub.Api.Data;

/// <summary>A capacity-map file a grid operator delivered, and what it changed.</summary>
public sealed class CapacityMapImport
{
    public Guid Id { get; set; }
    public required string OperatorCode { get; set; }
    public required string Identifier { get; set; }
    public required string ConformsTo { get; set; }
    public required string Issued { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
}

public sealed class CapacityMapImportConfiguration : IEntityTypeConfiguration<CapacityMapImport>
{
    public void Configure(EntityTypeBuilder<CapacityMapImport> e)
    {
        e.ToTable("capacity_map_imports");
        e.HasKey(x => x.Id);
    }
}
