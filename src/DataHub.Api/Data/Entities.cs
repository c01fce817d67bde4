using NetTopologySuite.Geometries;

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

/// <summary>A CBS area with its simplified boundary. Stored so that the database is self-describing and
/// spatial SQL (PostGIS) can join on it; the in-process <c>AreaCatalogue</c> is what derivation uses.</summary>
public sealed class Area : ISpatialRow
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? ProvinceCode { get; set; }
    public string? ResRegionCode { get; set; }
    public required Geometry Geometry { get; set; }
    public double MinX { get; set; }
    public double MinY { get; set; }
    public double MaxX { get; set; }
    public double MaxY { get; set; }
}

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

/// <summary>The stable identity of a development: one row per (owner, externalId), never changed.</summary>
public sealed class DevelopmentRecord
{
    /// <summary>Creation order; the paging key of lists.</summary>
    public long Seq { get; set; }
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string ExternalId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One version of a development. Every write adds a version; the current one has <see cref="ValidTo"/> null.
/// A retired development's current version has <see cref="IsRetired"/> set.
/// </summary>
public sealed class DevelopmentVersion : ISpatialRow, IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "development";
    Guid IVersionRow.ResourceId => DevelopmentId;
    public long RowId { get; set; }
    public long Seq { get; set; }
    public Guid DevelopmentId { get; set; }
    public required string OwnerCode { get; set; }
    public required string ExternalId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsRetired { get; set; }
    public required string ChangedBy { get; set; }
    public required string ChangeKind { get; set; }
    public Guid? ImportId { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string PlanType { get; set; }
    public Guid? PlanId { get; set; }
    public required string Sector { get; set; }
    public required string Kind { get; set; }
    public required string AssetType { get; set; }
    public required string Certainty { get; set; }
    public required string Visibility { get; set; }
    public int FirstYear { get; set; }
    public int? LastYear { get; set; }
    public int? CommissioningYear { get; set; }
    public int? DecommissioningYear { get; set; }

    public string? MunicipalityCode { get; set; }
    public string? ProvinceCode { get; set; }
    public string? ResRegionCode { get; set; }
    /// <summary>JSON array of the other municipality codes the geometry touches.</summary>
    public required string OtherMunicipalityCodes { get; set; }

    public required Geometry Geometry { get; set; }
    public double MinX { get; set; }
    public double MinY { get; set; }
    public double MaxX { get; set; }
    public double MaxY { get; set; }

    /// <summary>JSON of quantities, stated energy, carriers and source metadata, exactly as the contract defines them.</summary>
    public required string QuantitiesJson { get; set; }
    public required string EnergyJson { get; set; }
    public required string CarriersJson { get; set; }
    public required string SourceJson { get; set; }
    /// <summary>Hash of the submitted content, so a re-import of the same feature is reported as unchanged.</summary>
    public required string ContentHash { get; set; }

    /// <summary>A copy to become the next version (the store sets its version, validity and author).</summary>
    public DevelopmentVersion NextVersion()
    {
        var next = (DevelopmentVersion)MemberwiseClone();
        next.RowId = 0;
        return next;
    }
}

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

/// <summary>An audit record: a write, or a read of non-public data by someone other than its owner. Append-only.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Subject { get; set; }
    public string? Organisation { get; set; }
    /// <summary>read, create, update, retire, import, …</summary>
    public required string Action { get; set; }
    /// <summary>rest, graphql, ogc, export, …</summary>
    public required string Surface { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceId { get; set; }
    /// <summary>The organisation whose data it is; its OrgAdmin sees the event.</summary>
    public string? DataOwner { get; set; }
    public int RecordCount { get; set; }
    public string? Detail { get; set; }
}

/// <summary>
/// A version of an energy area (voedingsgebied) or congestion area as a grid operator delivers it in Netbeheer
/// Nederland's capacity-map format (im-capaciteitskaart v1.3). Keyed on (operator, short code); versioned.
/// </summary>
public sealed class EnergyAreaVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "energyArea";
    Guid IVersionRow.ResourceId => AreaId;
    string IVersionRow.OwnerCode => OperatorCode;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid AreaId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OperatorCode { get; set; }
    public required string ShortCode { get; set; }
    public required string Kind { get; set; }
    public string? Description { get; set; }
    public double? DemandAvailableMw { get; set; }
    public double? DemandQuotedMw { get; set; }
    public double? DemandInQueueMw { get; set; }
    public int? DemandRequestsInQueue { get; set; }
    public double? DemandForecastMw { get; set; }
    public int? DemandAlleviationYear { get; set; }
    public string? DemandConstraint { get; set; }
    public double? GenerationAvailableMw { get; set; }
    public double? GenerationQuotedMw { get; set; }
    public double? GenerationInQueueMw { get; set; }
    public int? GenerationRequestsInQueue { get; set; }
    public double? GenerationForecastMw { get; set; }
    public int? GenerationAlleviationYear { get; set; }
    public string? GenerationConstraint { get; set; }
    /// <summary>The TSO congestion areas this DSO energy area lies in (demand / generation).</summary>
    public string? DemandCongestionAreaCode { get; set; }
    public string? GenerationCongestionAreaCode { get; set; }
    /// <summary>Works with their schedules, and postcode → substation links, as the format delivers them (JSON).</summary>
    public required string WorksJson { get; set; }
    public required string PostcodeAreasJson { get; set; }
    /// <summary>The area's boundary (CRS84), pushed by the operator beside the capacity map; null until then.</summary>
    public Geometry? Geometry { get; set; }
    /// <summary>Available offtake and feed-in per year, JSON [{year, offtakeMw, feedInMw}], planned works included.</summary>
    public string CapacityJson { get; set; } = "[]";
    public Guid ImportId { get; set; }
    public required string ChangedBy { get; set; }
    public required string ContentHash { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>A copy to become the next version; the caller sets what changed.</summary>
    public EnergyAreaVersion NextVersion(DateTime now, Guid importId, string changedBy)
    {
        var next = (EnergyAreaVersion)MemberwiseClone();
        (next.RowId, next.Version, next.ValidFrom, next.ValidTo, next.ImportId, next.ChangedBy) = (0, Version + 1, now, null, importId, changedBy);
        return next;
    }
}

/// <summary>A quickscan an organisation ran: kept for it (it reveals plans), never shown to others.</summary>
public sealed class QuickscanRecord
{
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string Subject { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string RequestJson { get; set; }
    public required string ResultJson { get; set; }
}

/// <summary>A version of a grid operator's station (HS/MS substation): location, voltage levels, the energy area it feeds.</summary>
public sealed class StationVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "station";
    Guid IVersionRow.ResourceId => StationId;
    string IVersionRow.OwnerCode => OperatorCode;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid StationId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public required string OperatorCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>JSON array of voltage levels in kV, highest first.</summary>
    public required string VoltagesJson { get; set; }
    public string? EnergyAreaShortCode { get; set; }
    public required Geometry Geometry { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A what-if variant an organisation defined: kept for it only (variants reveal plans).</summary>
public sealed class VariantRecord
{
    public Guid Id { get; set; }
    public required string OwnerCode { get; set; }
    public required string Name { get; set; }
    /// <summary>The changes, as JSON (geometries in CRS84).</summary>
    public required string ChangesJson { get; set; }
    public DateTime CreatedAt { get; set; }
}

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

/// <summary>A row with a geometry and its bounding box (the SQLite R*Tree prefilter and the PostGIS GiST both use it).</summary>
public interface ISpatialRow
{
    Geometry Geometry { get; }
    double MinX { get; set; }
    double MinY { get; set; }
    double MaxX { get; set; }
    double MaxY { get; set; }
}

public static class SpatialRow
{
    public static void SetBounds(this ISpatialRow row)
    {
        var e = row.Geometry.EnvelopeInternal;
        (row.MinX, row.MinY, row.MaxX, row.MaxY) = (e.MinX, e.MinY, e.MaxX, e.MaxY);
    }
}

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

/// <summary>
/// A version of a province's weighing framework (afwegingskader): its criteria with their scales and who scores
/// them, as JSON. A province without one weighs with the default of the handreiking.
/// </summary>
public sealed class WeighingFrameworkVersion : IVersionRow, IValidity
{
    string IVersionRow.ResourceType => "weighingFramework";
    Guid IVersionRow.ResourceId => FrameworkId;
    bool IVersionRow.IsRetired => false;
    public long RowId { get; set; }
    public Guid FrameworkId { get; set; }
    public int Version { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    /// <summary>The province whose framework it is.</summary>
    public required string OwnerCode { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>JSON [Criterion].</summary>
    public required string CriteriaJson { get; set; }
    public required string ChangedBy { get; set; }
}

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

/// <summary>A version that was in force from <see cref="ValidFrom"/> until <see cref="ValidTo"/> (open: still in force).</summary>
public interface IValidity
{
    DateTime ValidFrom { get; }
    DateTime? ValidTo { get; }
}

/// <summary>A version row of a versioned resource: what the change feed records of it.</summary>
public interface IVersionRow
{
    string ResourceType { get; }
    Guid ResourceId { get; }
    int Version { get; }
    bool IsRetired { get; }
    string OwnerCode { get; }
    DateTime ValidFrom { get; }
}

/// <summary>
/// One create, update or retire of a versioned resource, in commit order (<see cref="Sequence"/>): the change feed.
/// Appended in the transaction of the write it records; never changed or deleted.
/// </summary>
public sealed class ChangeEvent
{
    public long Sequence { get; set; }
    public required string ResourceType { get; set; }
    public Guid ResourceId { get; set; }
    /// <summary>created, updated or retired.</summary>
    public required string Kind { get; set; }
    public int Version { get; set; }
    public DateTime At { get; set; }
    public required string OwnerCode { get; set; }
}
