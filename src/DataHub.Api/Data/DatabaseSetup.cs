using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataHub.Api.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the provider's DbContext as <see cref="DataHubDb"/> and its spatial query seam. Contexts are pooled: the
    /// options are built once, not per request (building them was a tenth of a cached read's CPU).
    /// </summary>
    public static IServiceCollection AddDataHubDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DataHubOptions.Section).Get<DataHubOptions>() ?? new DataHubOptions();
        var db = options.Database;
        services.AddSingleton<DatabaseRoundTrips>();
        if (db.IsPostgres)
        {
            services.AddDbContextPool<PostgresDataHubDb>((sp, o) => ConfigurePostgres(o, db.ConnectionString).AddInterceptors(sp.GetRequiredService<DatabaseRoundTrips>()));
            services.AddScoped<DataHubDb>(sp => sp.GetRequiredService<PostgresDataHubDb>());
            services.AddSingleton<Spatial.ISpatialQuery, Spatial.PostgisSpatialQuery>();
        }
        else
        {
            var cs = ResolveSqlitePath(db.ConnectionString, contentRoot);
            services.AddDbContextPool<SqliteDataHubDb>((sp, o) => ConfigureSqlite(o, cs).AddInterceptors(sp.GetRequiredService<DatabaseRoundTrips>()));
            services.AddScoped<DataHubDb>(sp => sp.GetRequiredService<SqliteDataHubDb>());
            services.AddSingleton<Spatial.ISpatialQuery, Spatial.SqliteSpatialQuery>();
        }
        return services;
    }

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(cs, x => x.UseNetTopologySuite().MigrationsAssembly(typeof(DataHubDb).Assembly.FullName))
         .UseSnakeCaseNamingConvention();

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs).UseSnakeCaseNamingConvention().AddInterceptors(SqlitePragmas.Instance);

    /// <summary>Makes a relative SQLite file path relative to the content root and creates its folder.</summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && !Path.IsPathRooted(path))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, path));
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        return builder.ToString();
    }

    /// <summary>Migrates the schema, loads reference data and, when configured, the demo. Idempotent.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
        if (!db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        var tenants = app.Configuration.GetSection("DataHub:Auth:Tenants").Get<Dictionary<string, string>>();
        await Features.Organisations.ReferenceData.LoadAsync(db, tenants);
        await Access.AccessGrants.RebuildIfMissingAsync(db);
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DataHubOptions>>().Value;
        if (options.Demo.Seed)
            await Features.Demo.DemoSeed.SeedAsync(scope.ServiceProvider, app.Logger);
    }
}

/// <summary>Durability and integrity settings for every SQLite connection (WAL is set once, it persists).</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        // 32 MB page cache: bulk imports touch several indexes per row and thrash the 2 MB default.
        // case_sensitive_like: LIKE compares case as PostgreSQL's does (CQL2 filters run on both; ILIKE ignores case on both).
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-32768; PRAGMA case_sensitive_like=ON;";
        cmd.ExecuteNonQuery();
    }
}

/// <summary>Used by dotnet-ef to generate the SQLite migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDataHubDb>
{
    public SqliteDataHubDb CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteDataHubDb>();
        DatabaseSetup.ConfigureSqlite(b, "Data Source=design.db");
        return new SqliteDataHubDb(b.Options);
    }
}

/// <summary>Used by dotnet-ef to generate the PostgreSQL migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDataHubDb>
{
    public PostgresDataHubDb CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresDataHubDb>();
        DatabaseSetup.ConfigurePostgres(b, "Host=localhost;Database=datahub_design");
        return new PostgresDataHubDb(b.Options);
    }
}

/// <summary>Counts the commands sent to the database: how a test sees that a nested query does not make a round trip per result.</summary>
public sealed class DatabaseRoundTrips : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override System.Data.Common.DbDataReader ReaderExecuted(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData,
        System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
