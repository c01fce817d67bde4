using DataHub.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests;

/// <summary>The schema is the model: one Initial migration per provider, and nothing in the model it does not carry.</summary>
public abstract class MigrationTests(Hub hub)
{
    [Fact]
    public void The_model_has_no_change_that_the_migrations_do_not_carry()
    {
        var pending = hub.Service(sp => sp.GetRequiredService<DataHubDb>().Database.HasPendingModelChanges());
        Assert.False(pending, $"the {hub.Database} model differs from its migrations' snapshot: run dotnet ef migrations add (see api-docs/architecture.md)");
    }

    [Fact]
    public void The_database_has_every_migration_applied_and_no_other()
    {
        var (all, applied) = hub.Service(sp =>
        {
            var db = sp.GetRequiredService<DataHubDb>().Database;
            return (db.GetMigrations().ToList(), db.GetAppliedMigrations().ToList());
        });
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }
}

public sealed class MigrationsOnSqlite(SqliteHub hub) : MigrationTests(hub), IClassFixture<SqliteHub>;

public sealed class MigrationsOnPostgis(PostgresHub hub) : MigrationTests(hub), IClassFixture<PostgresHub>;
