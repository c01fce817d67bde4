namespace DataHub.Api.Data;

/// <summary>A completed bulk import and what it did.</summary>
public sealed class DevelopmentImport
{
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string ChangedBy { get; set; }
    public required string Format { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
}

public sealed class DevelopmentImportConfiguration : IEntityTypeConfiguration<DevelopmentImport>
{
    public void Configure(EntityTypeBuilder<DevelopmentImport> e)
    {
        e.ToTable("development_imports");
        e.HasKey(x => x.Id);
    }
}
