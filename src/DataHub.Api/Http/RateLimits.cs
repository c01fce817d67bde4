using System.Globalization;
using System.Threading.RateLimiting;
using DataHub.Api.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace DataHub.Api.Http;

/// <summary>Per-identity token buckets (DataHub:RateLimit); anonymous callers share a bucket per client address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The burst a caller may make.</summary>
    public int BucketSize { get; set; } = 200;
    /// <summary>Tokens added back every <see cref="PeriodSeconds"/>.</summary>
    public int TokensPerPeriod { get; set; } = 100;
    public int PeriodSeconds { get; set; } = 10;
}

public static class RateLimits
{
    public static IServiceCollection AddDataHubRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection("DataHub:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/api")) return RateLimitPartition.GetNoLimiter("static");
                var caller = Caller.From(http.User);
                var key = caller.IsAuthenticated ? $"{caller.Organisation}/{caller.Subject}" : $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.BucketSize,
                    TokensPerPeriod = o.TokensPerPeriod,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(o.PeriodSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(o.PeriodSeconds);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await new ProblemResult(new Problem("https://datahub.example.nl/problems/too-many-requests", "Too many requests", 429,
                    $"This identity has used its request budget; retry after {seconds} s.")).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
