using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataHub.Api.Http;

/// <summary>
/// Health probes for a load balancer and an orchestrator: <c>/health/live</c> (the process answers; no dependency is
/// checked, so a database outage does not restart every node) and <c>/health/ready</c> (the database answers and every
/// migration of this build is applied: a node that is not ready takes no traffic).
/// </summary>
public static class HealthProbes
{
    private const string Ready = "ready";

    public static IServiceCollection AddDataHubHealthProbes(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<DataHubDb>("database", tags: [Ready])
            .AddCheck<MigrationsApplied>("migrations", tags: [Ready]);
        return services;
    }

    public static WebApplication MapDataHubHealthProbes(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write });
        return app;
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, ProblemResult.Json));
    }

    /// <summary>Ready only when the database has every migration this build knows.</summary>
    internal sealed class MigrationsApplied(DataHubDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("every migration is applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
        }
    }
}
