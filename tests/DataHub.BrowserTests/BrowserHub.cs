using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The hub on a real socket (Kestrel on a free port, a fresh SQLite file with the demo) and Debian's Chromium driven by
/// Playwright: what a person opens is tested in the browser they would use.
/// </summary>
public sealed class BrowserHub : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private string? _dir;
    private IPlaywright? _playwright;
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string? SkipReason { get; private set; }

    /// <summary>The made-up client id of the hub's Entra ID app registration in the browser tests.</summary>
    public const string EntraClientId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public static string? ChromiumPath => Environment.GetEnvironmentVariable("DATAHUB_CHROMIUM")
        ?? new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public async ValueTask InitializeAsync()
    {
        if (ChromiumPath is not { } chromium)
        {
            SkipReason = "no Chromium on this machine: browser tests run in CI (.ci/run installs Debian's chromium)";
            return;
        }
        _dir = Directory.CreateTempSubdirectory("datahub-browser-").FullName;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("DataHub:Database:ConnectionString", $"Data Source={Path.Combine(_dir, "hub.db")}");
            b.UseSetting("DataHub:Demo:Seed", "true");
            // Entra ID as well, with a made-up app registration: the map offers it beside the local picker (no call
            // reaches Microsoft; EntraSignInTests answers Entra ID's endpoints itself).
            b.UseSetting("DataHub:Auth:EntraId:ClientId", EntraClientId);
            b.UseSetting("DataHub:Auth:EntraId:TenantId", "organizations");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The browser; tests skip (Assert.SkipWhen on <see cref="SkipReason"/>) before they ask for it.</summary>
    public IBrowser Chromium => Browser ?? throw new InvalidOperationException(SkipReason ?? "the browser has not started");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_dir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }
    }
}

/// <summary>One hub and one browser for every browser test class (two hubs in one process would both want the same port).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHub>
{
    public const string Name = "browser";
}
