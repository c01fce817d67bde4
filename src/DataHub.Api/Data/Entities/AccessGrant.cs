namespace DataHub.Api.Data;

/// <summary>
/// One row of what an active sharing agreement grants, kept by the hub in the same transaction as the agreement's
/// version (<see cref="Access.AccessGrants"/>): the owner's records that match the row (a null plan type, sector, area
/// or record means any) to one recipient, named by organisation code or by organisation type, at a level, for a period.
/// The access policy joins on these rows, so a query's shape does not grow with the number of agreements.
/// </summary>
public sealed class AccessGrant
{
    public long Id { get; set; }
    public Guid AgreementId { get; set; }
    public required string OwnerCode { get; set; }
    public string? RecipientCode { get; set; }
    public string? RecipientType { get; set; }
    public required string Level { get; set; }
    public string? PlanType { get; set; }
    public string? Sector { get; set; }
    public string? AreaCode { get; set; }
    public Guid? DevelopmentId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
}

public sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> e)
    {
        e.ToTable("access_grants");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.OwnerCode, x.RecipientCode });
        e.HasIndex(x => new { x.OwnerCode, x.RecipientType });
        // A caller's grants (AccessScopes) are found from the recipient side, in time proportional to its own grants.
        e.HasIndex(x => x.RecipientCode);
        e.HasIndex(x => x.RecipientType);
        e.HasIndex(x => x.AgreementId);
    }
}
