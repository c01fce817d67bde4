namespace DataHub.Api;

/// <summary>The hub's settings, bound from the "DataHub" configuration section (override with DataHub__… variables).</summary>
public sealed class DataHubOptions
{
    public const string Section = "DataHub";

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public LimitOptions Limits { get; set; } = new();
    public Features.Aggregates.DisclosureOptions DisclosureControl { get; set; } = new();
    public string[] CorsAllowedOrigins { get; set; } = [];
    /// <summary>Visibility given to a development that does not state one, per plan type; "public" otherwise.</summary>
    public Dictionary<string, string> DefaultVisibilityByPlanType { get; set; } = new() { ["CES"] = "confidential" };
}

public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (default, embedded) or "Postgres" (PostgreSQL + PostGIS).</summary>
    public string Provider { get; set; } = "Sqlite";
    public string ConnectionString { get; set; } = "Data Source=data/datahub.db";
    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public sealed class DemoOptions
{
    /// <summary>Seed the Utrecht demo on first start (true by default in Development).</summary>
    public bool Seed { get; set; }
}

public sealed class AuthOptions
{
    public LocalIssuerOptions LocalIssuer { get; set; } = new();
}

public sealed class LocalIssuerOptions
{
    /// <summary>Null means: on in Development, off elsewhere. Production must set true explicitly.</summary>
    public bool? Enabled { get; set; }
    public string Issuer { get; set; } = "datahub-local";
    public string Audience { get; set; } = "datahub";
    /// <summary>HMAC-SHA256 key, at least 32 bytes. Required when the local issuer is enabled.</summary>
    public string? SigningKey { get; set; }
    public int TokenLifetimeHours { get; set; } = 12;
}

public sealed class LimitOptions
{
    public long MaxBodyBytes { get; set; } = 2 * 1024 * 1024;
    public long MaxImportBodyBytes { get; set; } = 1024L * 1024 * 1024;
    public int MaxJsonDepth { get; set; } = 32;
    public int DefaultPageSize { get; set; } = 100;
    public int MaxPageSize { get; set; } = 1000;
    public int MaxImportFeatures { get; set; } = 1_000_000;
    /// <summary>Memory for serialised answers of hot reads (<see cref="Http.AnswerCache"/>), per node; 0 turns the cache off.</summary>
    public int AnswerCacheMegabytes { get; set; } = 64;
}
