using DataHub.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataHub.IntegrationTests;

/// <summary>
/// The versioned store tells a concurrent writer (a unique key refusing the next version) from any other database
/// failure: the first is a conflict (412/409), the second an error (500, logged), never "changed by another request".
/// Both provoked for real on both databases: two writers of the same version, and a trigger that refuses a row.
/// </summary>
public abstract class VersionedStoreTests(Hub hub)
{
    private static StringContent Plan(string code, string name) => new(new JsonObject
    {
        ["code"] = code, ["name"] = name, ["planType"] = "TVW", ["status"] = "draft", ["periodStart"] = 2022, ["periodEnd"] = 2030,
    }.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<Guid> CreatePlanAsync(string code)
    {
        var created = await hub.Client("GM0736").PostAsync("/api/v1/plans", Plan(code, "Warmtevisie"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Guid.Parse((await created.Body())["id"]!.GetValue<string>());
    }

    private async Task<bool> AppendNextVersionAsync(Guid plan)
    {
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
        var current = await db.PlanVersions.SingleAsync(p => p.PlanId == plan && p.ValidTo == null);
        var next = new PlanVersion
        {
            PlanId = plan, Version = current.Version + 1, ValidFrom = DateTime.UtcNow, OwnerCode = current.OwnerCode, Code = current.Code,
            Name = current.Name + " (bijgewerkt)", PlanType = current.PlanType, Status = current.Status, ChangedBy = "test", CreatedAt = current.CreatedAt,
        };
        return await db.AppendAsync(current, next, CancellationToken.None);
    }

    [Fact]
    public async Task Two_writers_of_the_same_version_the_second_is_refused_as_a_conflict()
    {
        var plan = await CreatePlanAsync("vs-race-" + Features.Id());
        // Both read version 1 before either writes: the second's version 2 breaks the unique (plan, version) key.
        await using var first = hub.Factory.Services.CreateAsyncScope();
        await using var second = hub.Factory.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<DataHubDb>();
        var b = second.ServiceProvider.GetRequiredService<DataHubDb>();
        var currentA = await a.PlanVersions.SingleAsync(p => p.PlanId == plan && p.ValidTo == null);
        var currentB = await b.PlanVersions.SingleAsync(p => p.PlanId == plan && p.ValidTo == null);
        PlanVersion Next(PlanVersion c) => new()
        {
            PlanId = plan, Version = c.Version + 1, ValidFrom = DateTime.UtcNow, OwnerCode = c.OwnerCode, Code = c.Code, Name = c.Name,
            PlanType = c.PlanType, Status = "adopted", ChangedBy = "test", CreatedAt = c.CreatedAt,
        };
        Assert.True(await a.AppendAsync(currentA, Next(currentA), CancellationToken.None));
        Assert.False(await b.AppendAsync(currentB, Next(currentB), CancellationToken.None));

        await using var reader = hub.Factory.Services.CreateAsyncScope();
        var versions = await reader.ServiceProvider.GetRequiredService<DataHubDb>().PlanVersions.Where(p => p.PlanId == plan).OrderBy(p => p.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Single(versions, v => v.ValidTo == null);
    }

    [Fact]
    public async Task A_database_failure_that_is_not_a_key_conflict_is_an_error_not_a_conflict()
    {
        var code = "vs-refused-" + Features.Id();
        var plan = await CreatePlanAsync(code);
        await RefuseAsync("Geweigerd door de database");
        try
        {
            // The store lets the failure through ...
            await Assert.ThrowsAsync<DbUpdateException>(async () =>
            {
                await using var scope = hub.Factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
                var current = await db.PlanVersions.SingleAsync(p => p.PlanId == plan && p.ValidTo == null);
                await db.AppendAsync(current, new PlanVersion
                {
                    PlanId = plan, Version = 2, ValidFrom = DateTime.UtcNow, OwnerCode = current.OwnerCode, Code = code, Name = "Geweigerd door de database",
                    PlanType = "TVW", Status = "draft", ChangedBy = "test", CreatedAt = current.CreatedAt,
                }, CancellationToken.None);
            });
            // ... and over HTTP it answers 500, not 412 "changed by another request"; nothing is stored.
            var response = await hub.Client("GM0736").Send(HttpMethod.Put, $"/api/v1/plans/{plan}", Plan(code, "Geweigerd door de database"), "\"1\"");
            var problem = await response.Problem(HttpStatusCode.InternalServerError);
            Assert.DoesNotContain("another request", problem["detail"]!.GetValue<string>());
            var current = await (await hub.Client("GM0736").GetAsync($"/api/v1/plans/{plan}")).Body();
            Assert.Equal(1, current["recordVersion"]!.GetValue<int>());
            Assert.Equal("Warmtevisie", current["name"]!.GetValue<string>());
        }
        finally
        {
            await DropRefusalAsync();
        }
        Assert.True(await AppendNextVersionAsync(plan)); // the plan itself was never damaged
    }

    /// <summary>A trigger that refuses plan versions with this name: a real database failure that breaks no unique key.</summary>
    private Task RefuseAsync(string name) => Sql(hub.Database == Database.Sqlite
        ? [$"CREATE TRIGGER refuse_plan BEFORE INSERT ON plan_versions WHEN NEW.name = '{name}' BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END;"]
        : [$"CREATE FUNCTION refuse_plan() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '{name}' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; RETURN NEW; END $$;",
           "CREATE TRIGGER refuse_plan BEFORE INSERT ON plan_versions FOR EACH ROW EXECUTE FUNCTION refuse_plan();"]);

    private Task DropRefusalAsync() => Sql(hub.Database == Database.Sqlite
        ? ["DROP TRIGGER IF EXISTS refuse_plan;"]
        : ["DROP TRIGGER IF EXISTS refuse_plan ON plan_versions;", "DROP FUNCTION IF EXISTS refuse_plan();"]);

    private async Task Sql(string[] statements)
    {
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DataHubDb>();
#pragma warning disable EF1002 // fixed statements of the test's own, no input
        foreach (var s in statements) await db.Database.ExecuteSqlRawAsync(s);
#pragma warning restore EF1002
    }
}

public sealed class VersionedStoreOnSqlite(SqliteHub hub) : VersionedStoreTests(hub), IClassFixture<SqliteHub>;

public sealed class VersionedStoreOnPostgis(PostgresHub hub) : VersionedStoreTests(hub), IClassFixture<PostgresHub>;
