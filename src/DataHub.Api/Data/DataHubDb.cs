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

    /// <summary>Each entity's mapping is beside it (<c>Data/Entities/&lt;Entity&gt;.cs</c>, an <see cref="IEntityTypeConfiguration{TEntity}"/>); the geometry columns are the provider's.</summary>
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.ApplyConfigurationsFromAssembly(typeof(DataHubDb).Assembly, t => t.Namespace == typeof(DataHubDb).Namespace);
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
