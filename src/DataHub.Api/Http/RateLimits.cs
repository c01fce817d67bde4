using System.Globalization;
using System.Threading.RateLimiting;
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

/// <summary>
/// The per-identity token buckets, one limiter for the whole hub: the middleware takes a token per request, and the
/// GraphQL endpoint one more per further operation of a batch, so the budget counts operations, not HTTP requests.
/// </summary>
public sealed class DataHubRateLimiter
{
    private readonly RateLimitOptions _options;

    public DataHubRateLimiter(RateLimitOptions options)
    {
        _options = options;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments(Features.Ogc.OgcApi.BasePath))
                return RateLimitPartition.GetNoLimiter("static");
            return RateLimitPartition.GetTokenBucketLimiter(Key(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.BucketSize,
                TokensPerPeriod = options.TokensPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(options.PeriodSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private static string Key(HttpContext http)
    {
        var caller = Caller.From(http.User);
        return caller.IsAuthenticated ? $"{caller.Organisation}/{caller.Subject}" : $"ip:{http.Connection.RemoteIpAddress}";
    }

    /// <summary>Takes <paramref name="permits"/> more tokens from the caller's bucket; null when taken, else the 429 answer to give.</summary>
    public async ValueTask<Func<Task>?> TryTakeAsync(HttpContext http, int permits)
    {
        var lease = await Limiter.AcquireAsync(http, permits, http.RequestAborted);
        if (lease.IsAcquired) { lease.Dispose(); return null; }
        return async () => { using (lease) await RejectAsync(http, lease); };
    }

    /// <summary>The 429 answer with Retry-After.</summary>
    public Task RejectAsync(HttpContext http, RateLimitLease? lease = null)
    {
        var retry = lease is not null && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(_options.PeriodSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemResult(new Problem("https://datahub.example.nl/problems/too-many-requests", "Too many requests", 429,
            $"This identity has used its request budget; retry after {seconds} s.")).ExecuteAsync(http);
    }
}

public static class RateLimits
{
    public static IServiceCollection AddDataHubRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limiter = new DataHubRateLimiter(configuration.GetSection("DataHub:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddSingleton(limiter);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = limiter.Limiter;
            o.OnRejected = (context, _) => new ValueTask(limiter.RejectAsync(context.HttpContext, context.Lease));
        });
        return services;
    }
}
