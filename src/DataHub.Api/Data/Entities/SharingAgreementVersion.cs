namespace DataHub.Api.Data;

/// <summary>
/// A version of a sharing agreement: a data owner grants recipients (organisations and/or organisation types)
/// detail or aggregate-only access to a scope of its records, for a purpose and a period. Versioned like every record.
/// </summary>
public sealed class SharingAgreementVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "sharingAgreement";
    Guid IVersionRow.ResourceId => AgreementId;
    bool IVersionRow.IsRetired => Status == "revoked";
    public long RowId { get; set; }
    public Guid AgreementId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OwnerCode { get; set; }
    /// <summary>JSON array of {organisation} / {organisationType}.</summary>
    public required string RecipientsJson { get; set; }
    /// <summary>JSON object {planTypes, sectors, areas, records}; an empty or absent list means all.</summary>
    public required string ScopeJson { get; set; }
    public required string Level { get; set; }
    public required string Purpose { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public required string Status { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class SharingAgreementVersionConfiguration : IEntityTypeConfiguration<SharingAgreementVersion>
{
    public void Configure(EntityTypeBuilder<SharingAgreementVersion> e)
    {
        e.ToTable("sharing_agreement_versions");
        e.HasKey(x => x.RowId);
        e.HasIndex(x => new { x.AgreementId, x.Version }).IsUnique();
        e.HasIndex(x => new { x.ValidTo, x.Status });
        e.HasIndex(x => x.OwnerCode);
    }
}
