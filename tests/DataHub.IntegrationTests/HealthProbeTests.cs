using DataHub.Api.Data;
using DataHub.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataHub.IntegrationTests;

/// <summary>Liveness and readiness as a load balancer and an orchestrator ask them, on both databases.</summary>
public abstract class HealthProbeTests(Hub hub)
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_with_the_database_and_every_migration_checked()
    {
        var client = hub.Client();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await live.Body())["status"]!.GetValue<string>());
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Body();
        Assert.Equal("Healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["migrations"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_database_without_the_migrations_is_not_ready()
    {
        var dir = Directory.CreateTempSubdirectory("datahub-health-");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteDataHubDb>();
            DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(dir.FullName, "empty.db")}");
            await using var db = new SqliteDataHubDb(options.Options);
            var result = await new HealthProbes.MigrationsApplied(db).CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Contains("Initial", result.Description);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(true);
        }
    }
}

public sealed class HealthProbeOnSqlite(SqliteHub hub) : HealthProbeTests(hub), IClassFixture<SqliteHub>;

public sealed class HealthProbeOnPostgis(PostgresHub hub) : HealthProbeTests(hub), IClassFixture<PostgresHub>;
