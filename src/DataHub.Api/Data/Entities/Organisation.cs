namespace DataHub.Api.Data;

/// <summary>A registered organisation: a province, municipality, RES region, grid operator, ministry or sector party.</summary>
public sealed class Organisation
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    /// <summary>The CBS area an authority governs (GM…, PV…, ES…); null for grid operators and others.</summary>
    public string? AreaCode { get; set; }
    /// <summary>Entra ID tenant id that maps to this organisation (access issue).</summary>
    public string? TenantId { get; set; }
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.ToTable("organisations");
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(32);
        e.HasIndex(x => x.TenantId).IsUnique();
    }
}
