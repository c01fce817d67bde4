using System.Net.Http.Headers;
using DataHub.Api;
using DataHub.Api.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataHub.IntegrationTests.Infrastructure;

public enum Database { Sqlite, Postgres }

/// <summary>
/// A hub over HTTP on a database of its own: a fresh SQLite file, or a fresh PostGIS database on the server that
/// DATAHUB_TEST_POSTGRES names. One per test class; tests inside a class use their own organisations and ids.
/// </summary>
public abstract class Hub : IAsyncLifetime
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";
    public const string PostgresVariable = "DATAHUB_TEST_POSTGRES";

    public abstract Database Database { get; }
    public string? SkipReason { get; private set; }
    public string ConnectionString { get; private set; } = "";
    private WebApplicationFactory<Program>? _factory;
    private string? _sqliteDir;
    private string? _pgDatabase;
    private string? _pgAdmin;

    public WebApplicationFactory<Program> Factory
    {
        get
        {
            if (SkipReason is not null) Assert.Skip(SkipReason);
            return _factory ?? throw new InvalidOperationException("the hub has not started");
        }
    }

    /// <summary>Extra settings a test class needs (limits, CORS, …).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        if (Database == Database.Sqlite)
        {
            _sqliteDir = Directory.CreateTempSubdirectory("datahub-test-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_sqliteDir, "hub.db")}";
        }
        else
        {
            _pgAdmin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrEmpty(_pgAdmin))
            {
                SkipReason = $"{PostgresVariable} is not set: PostGIS tests run in CI (.ci/run)";
                return;
            }
            _pgDatabase = $"datahub_t_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(_pgAdmin))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {_pgDatabase}", admin);
                await create.ExecuteNonQueryAsync();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(_pgAdmin) { Database = _pgDatabase }.ToString();
        }
        var settings = new Dictionary<string, string?>
        {
            ["DataHub:Database:Provider"] = Database.ToString(),
            ["DataHub:Database:ConnectionString"] = ConnectionString,
            ["DataHub:Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["DataHub:Auth:LocalIssuer:Enabled"] = "true",
            ["DataHub:Auth:LocalIssuer:SigningKey"] = SigningKey,
            // One organisation's tests share its bucket (the key is organisation + subject); tests of other things must
            // not meet the limit by chance. The rate-limit tests run on hubs of their own with small buckets (Settings).
            ["DataHub:RateLimit:BucketSize"] = "1000000",
            ["DataHub:RateLimit:TokensPerPeriod"] = "1000000",
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        _settings = settings;
        _factory = Node();
        _ = _factory.Server; // starts the host: migrations and reference data run now
    }

    private Dictionary<string, string?> _settings = [];

    /// <summary>Another hub on the same database: a second node behind the same load balancer.</summary>
    public WebApplicationFactory<Program> Node() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        foreach (var (k, v) in _settings) b.UseSetting(k, v);
    });

    /// <summary>
    /// Another node on the same database listening on a real port (Kestrel, port chosen by the system), for clients
    /// that cannot use the in-process test server (GDAL); its base URL. Disposed with the hub.
    /// </summary>
    public string ListeningNode()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
        lock (_settings)
        {
            if (_listening is null)
            {
                var node = Node();
                node.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0)); // a free port, also when two classes start nodes at once
                node.StartServer();
                var addresses = node.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                    .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
                _listening = (node, addresses.First().Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").Replace("127.0.0.1", "localhost").TrimEnd('/'));
            }
            return _listening.Value.BaseUrl;
        }
    }

    private (WebApplicationFactory<Program> Node, string BaseUrl)? _listening;

    public async ValueTask DisposeAsync()
    {
        if (_listening is { } listening) await listening.Node.DisposeAsync();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, true); } catch (IOException) { }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_pgAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>An HTTP client, signed in as <paramref name="organisation"/> with <paramref name="roles"/> when given.</summary>
    public HttpClient Client(string? organisation = null, params string[] roles)
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (organisation is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(organisation, roles.Length == 0 ? [Roles.Submitter] : roles));
        return client;
    }

    public static string Token(string organisation, string[] roles) =>
        Authentication.MintToken(new LocalIssuerOptions { SigningKey = SigningKey }, organisation, roles);

    public T Service<T>(Func<IServiceProvider, T> use)
    {
        // A task would outlive the scope (its DbContext back in the pool, in use by another request): ServiceAsync.
        if (typeof(Task).IsAssignableFrom(typeof(T))) throw new InvalidOperationException("Service with an async body: use ServiceAsync");
        using var scope = Factory.Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    /// <summary>Runs an async use of the hub's services in a scope that lives until it is done.</summary>
    public async Task<T> ServiceAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }
}

public sealed class SqliteHub : Hub
{
    public override Database Database => Database.Sqlite;
}

public sealed class PostgresHub : Hub
{
    public override Database Database => Database.Postgres;
}
