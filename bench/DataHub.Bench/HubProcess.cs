using System.Diagnostics;
using System.Net.Http.Headers;
using DataHub.Api;
using DataHub.Api.Access;

namespace DataHub.Bench;

/// <summary>A hub started as its own process (Release or Debug build of the bench), Production environment, local issuer on.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private const string Key = "benchmark-signing-key-0123456789abcdefghij";
    private readonly Process _process;
    public HttpClient Http { get; }

    private HubProcess(Process process, HttpClient http) => (_process, Http) = (process, http);

    public int Id => _process.Id;

    public static async Task<HubProcess> StartAsync(string what, string root, Dictionary<string, string> env, Action<string>? onLine = null)
    {
        var port = 5600 + Random.Shared.Next(300);
        var dll = Path.Combine(root, "src", "DataHub.Api", "bin", Configuration(), "net10.0", "DataHub.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataHub__Auth__LocalIssuer__Enabled"] = "true";
        start.Environment["DataHub__Auth__LocalIssuer__SigningKey"] = Key;
        start.Environment["DataHub__RateLimit__BucketSize"] = "1000000"; // a benchmark is one identity asking a lot
        start.Environment["DataHub__RateLimit__TokensPerPeriod"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (Environment.GetEnvironmentVariable("BENCH_HUB_ENV") is { } extra) foreach (var kv in extra.Split(';')) start.Environment[kv.Split('=')[0]] = kv.Split('=')[1];
        start.Environment["Logging__LogLevel__DataHub"] = "Information";
        foreach (var (k, v) in env) start.Environment[k] = v;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) onLine?.Invoke(line.Trim()); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  hub: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
        for (var i = 0; ; i++)
        {
            try { if ((await http.GetAsync("/api/v1/organisations/KGG")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            if (i > 240 || process.HasExited) throw new InvalidOperationException($"{what}: the hub did not start");
            await Task.Delay(250);
        }
        return new HubProcess(process, http);
    }

    public HttpClient As(string organisation, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Authentication.MintToken(new LocalIssuerOptions { SigningKey = Key }, organisation, roles));
        return client;
    }

    /// <summary>The hub's peak resident memory (VmHWM).</summary>
    public long PeakRss()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public static string Configuration() =>
        typeof(HubProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
    }
}
