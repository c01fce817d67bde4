using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.Api.Data;

/// <summary>
/// The hub's one model. Each provider has a subclass with its own geometry mapping and its own migration set
/// (Data/Migrations/Sqlite, Data/Migrations/Postgres); handlers inject <see cref="DataHubDb"/>.
/// </summary>
public abstract class DataHubDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<DevelopmentRecord> Developments => Set<DevelopmentRecord>();
    public DbSet<DevelopmentVersion> DevelopmentVersions => Set<DevelopmentVersion>();
    public DbSet<DevelopmentImport> DevelopmentImports => Set<DevelopmentImport>();
    public DbSet<SharingAgreementVersion> SharingAgreementVersions => Set<SharingAgreementVersion>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<EnergyAreaVersion> EnergyAreaVersions => Set<EnergyAreaVersion>();
    public DbSet<CapacityMapImport> CapacityMapImports => Set<CapacityMapImport>();
    public DbSet<QuickscanRecord> Quickscans => Set<QuickscanRecord>();
    public DbSet<VariantRecord> Variants => Set<VariantRecord>();
    public DbSet<StationVersion> StationVersions => Set<StationVersion>();
    public DbSet<ChangeEvent> ChangeEvents => Set<ChangeEvent>();
    public DbSet<ProgrammeCycleVersion> ProgrammeCycleVersions => Set<ProgrammeCycleVersion>();
    public DbSet<MiekProjectVersion> MiekProjectVersions => Set<MiekProjectVersion>();
    public DbSet<MiekAssessmentVersion> MiekAssessmentVersions => Set<MiekAssessmentVersion>();
    public DbSet<MiekProgressUpdate> MiekProgressUpdates => Set<MiekProgressUpdate>();
    public DbSet<WeighingFrameworkVersion> WeighingFrameworkVersions => Set<WeighingFrameworkVersion>();

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Every tracked write of a version row is recorded in the change feed in the same transaction, in commit order
    /// (<see cref="Features.Changes.ChangeFeed"/>). Bulk writes append their events themselves.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await Access.AccessGrants.SyncAsync(this, cancellationToken); // an agreement's grant rows change with its version
        var events = ChangeTracker.Entries<IVersionRow>().Where(e => e.State == EntityState.Added)
            .Select(e => Features.Changes.ChangeFeed.EventFor(e.Entity)).ToList();
        if (events.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await Features.Changes.ChangeFeed.LockAsync(this, cancellationToken);
            ChangeEvents.AddRange(events);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it records the change feed.");

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(32);
            e.HasIndex(x => x.TenantId).IsUnique();
        });
        b.Entity<Area>(e =>
        {
            e.ToTable("areas");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(16);
            e.HasIndex(x => x.Kind);
        });
        b.Entity<PlanVersion>(e =>
        {
            e.ToTable("plan_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.PlanId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.OwnerCode, x.Code }).IsUnique().HasFilter("valid_to IS NULL"); // one current plan per code: a concurrent create is a conflict
        });
        b.Entity<DevelopmentRecord>(e =>
        {
            e.ToTable("developments");
            e.HasKey(x => x.Seq);
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => new { x.OwnerCode, x.ExternalId }).IsUnique();
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.ExternalId).HasMaxLength(200);
        });
        b.Entity<DevelopmentVersion>(e =>
        {
            e.ToTable("development_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.DevelopmentId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.ValidTo, x.Seq });
            e.HasIndex(x => new { x.Seq, x.ValidFrom });
            e.HasIndex(x => x.MunicipalityCode);
            e.HasIndex(x => x.ProvinceCode);
            e.HasIndex(x => x.ValidFrom);
            e.HasOne<DevelopmentRecord>().WithMany().HasForeignKey(x => x.Seq).HasPrincipalKey(x => x.Seq);
        });
        b.Entity<DevelopmentImport>(e =>
        {
            e.ToTable("development_imports");
            e.HasKey(x => x.Id);
        });
        b.Entity<SharingAgreementVersion>(e =>
        {
            e.ToTable("sharing_agreement_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.AgreementId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.ValidTo, x.Status });
            e.HasIndex(x => x.OwnerCode);
        });
        b.Entity<AccessGrant>(e =>
        {
            e.ToTable("access_grants");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.OwnerCode, x.RecipientCode });
            e.HasIndex(x => new { x.OwnerCode, x.RecipientType });
            // A caller's grants (AccessScopes) are found from the recipient side, in time proportional to its own grants.
            e.HasIndex(x => x.RecipientCode);
            e.HasIndex(x => x.RecipientType);
            e.HasIndex(x => x.AgreementId);
        });
        b.Entity<ProgrammeCycleVersion>(e =>
        {
            e.ToTable("programme_cycle_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.CycleId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.OwnerCode, x.Code });
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.Code).HasMaxLength(100);
            e.Property(x => x.Scope).HasMaxLength(16);
        });
        b.Entity<MiekProjectVersion>(e =>
        {
            e.ToTable("miek_project_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.ProjectId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.CycleId, x.ValidTo });
            e.HasIndex(x => new { x.OwnerCode, x.Code });
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.ProposedBy).HasMaxLength(32);
            e.Property(x => x.Code).HasMaxLength(100);
        });
        b.Entity<MiekAssessmentVersion>(e =>
        {
            e.ToTable("miek_assessment_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.AssessmentId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.ProjectId, x.Kind, x.Criterion, x.Version }).IsUnique();
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Criterion).HasMaxLength(8);
        });
        b.Entity<WeighingFrameworkVersion>(e =>
        {
            e.ToTable("weighing_framework_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.FrameworkId, x.Version }).IsUnique();
            // One framework per province: a concurrent first write of the same province fails instead of forking it.
            e.HasIndex(x => x.OwnerCode).IsUnique().HasFilter("valid_to IS NULL");
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.Code).HasMaxLength(100);
        });
        b.Entity<MiekProgressUpdate>(e =>
        {
            e.ToTable("miek_progress_updates");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => x.UpdateId).IsUnique();
            e.HasIndex(x => new { x.ProjectId, x.AsOfDate });
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.Property(x => x.Phase).HasMaxLength(16);
            e.Property(x => x.Schedule).HasMaxLength(16);
        });
        b.Entity<ChangeEvent>(e =>
        {
            e.ToTable("change_events");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.ResourceType).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.OwnerCode).HasMaxLength(32);
            e.HasIndex(x => new { x.ResourceType, x.ResourceId });
        });
        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DataOwner, x.At });
            e.HasIndex(x => x.At);
        });
        b.Entity<EnergyAreaVersion>(e =>
        {
            e.ToTable("energy_area_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.AreaId, x.Version }).IsUnique();
            // One current version per (operator, short code): a concurrent import of the same new area fails instead of forking it.
            e.HasIndex(x => new { x.OperatorCode, x.ShortCode }).IsUnique().HasFilter("valid_to IS NULL");
        });
        b.Entity<StationVersion>(e =>
        {
            e.ToTable("station_versions");
            e.HasKey(x => x.RowId);
            e.HasIndex(x => new { x.StationId, x.Version }).IsUnique();
            e.HasIndex(x => new { x.OperatorCode, x.Code }).IsUnique().HasFilter("valid_to IS NULL");
        });
        b.Entity<VariantRecord>(e =>
        {
            e.ToTable("variants");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.OwnerCode);
        });
        b.Entity<QuickscanRecord>(e =>
        {
            e.ToTable("quickscans");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.OwnerCode, x.CreatedAt });
        });
        b.Entity<CapacityMapImport>(e =>
        {
            e.ToTable("capacity_map_imports");
            e.HasKey(x => x.Id);
        });
        ConfigureGeometry(b.Entity<Area>().Property(x => x.Geometry));
        ConfigureGeometry(b.Entity<DevelopmentVersion>().Property(x => x.Geometry));
        ConfigureGeometry(b.Entity<EnergyAreaVersion>().Property(x => x.Geometry));
        ConfigureGeometry(b.Entity<StationVersion>().Property(x => x.Geometry));
        ConfigureGeometry(b.Entity<MiekProjectVersion>().Property(x => x.Geometry));
    }

    protected abstract void ConfigureGeometry(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder property);
}

/// <summary>SQLite: geometry as WKB plus bounding-box columns; the R*Tree over those is created by the migration.</summary>
public sealed class SqliteDataHubDb(DbContextOptions<SqliteDataHubDb> options) : DataHubDb(options)
{
    public override bool IsPostgres => false;

    private static readonly ValueConverter<Geometry, byte[]> Wkb = new(
        g => new WKBWriter(ByteOrder.LittleEndian, false, false, false).Write(g),
        bytes => ReadWkb(bytes));

    private static readonly ValueComparer<Geometry> ByValue = new(
        (a, b) => a == null ? b == null : b != null && a.EqualsExact(b),
        g => g.GetHashCode(),
        g => g.Copy());

    private static Geometry ReadWkb(byte[] bytes)
    {
        var g = new WKBReader(NetTopologySuite.NtsGeometryServices.Instance).Read(bytes);
        g.SRID = 4326;
        return g;
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // The R*Tree virtual table and its trigger are created by the migration's SQL, not by EF.
        b.Entity<Spatial.DevelopmentBox>(e =>
        {
            e.ToTable("development_rtree", t => t.ExcludeFromMigrations());
            e.HasKey(x => x.Id);
        });
    }

    protected override void ConfigureGeometry(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder property) =>
        property.HasConversion(Wkb, ByValue).HasColumnType("BLOB");

    /// <summary>SQLite keeps no time zone: every timestamp the hub writes is UTC, so it is read back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<DateTime>().HaveConversion<UtcDateTime>();
        c.Properties<DateTime?>().HaveConversion<UtcDateTime>();
    }

    private sealed class UtcDateTime() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PostgreSQL + PostGIS: native geometry(Geometry, 4326) with a GiST index.</summary>
public sealed class PostgresDataHubDb(DbContextOptions<PostgresDataHubDb> options) : DataHubDb(options)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("postgis");
        base.OnModelCreating(b);
        b.Entity<DevelopmentVersion>().HasIndex(x => x.Geometry).HasMethod("gist");
        b.Entity<Area>().HasIndex(x => x.Geometry).HasMethod("gist");
        b.Entity<EnergyAreaVersion>().HasIndex(x => x.Geometry).HasMethod("gist");
    }

    protected override void ConfigureGeometry(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder property) =>
        property.HasColumnType("geometry(Geometry,4326)");
}
