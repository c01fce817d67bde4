using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using DataHub.Api.Access;

namespace DataHub.IntegrationTests;

/// <summary>
/// Crash safety, proven: the hub runs as its own process and is killed (SIGKILL) at random moments of a
/// 50,000-feature development import (half of the trials inside its final write and commit) and of a capacity-map
/// import; restarted on the same database, it holds either none or all of the import, never a part. Five trials each
/// on SQLite and on PostGIS.
/// </summary>
public abstract class CrashSafetyTests(Hub hub)
{
    private const int Features = 50_000;
    private const int Areas = 1_500;
    private const int Trials = 5;

    /// <summary>The hub as a process of its own on the test hub's database (the in-process test hub is not used).</summary>
    private sealed class HubProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        public HttpClient Http { get; }

        private HubProcess(Process process, HttpClient http)
        {
            (_process, Http) = (process, http);
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (_lines) _lines.Add(line); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_lines) _lines.Add(line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public static async Task<HubProcess> StartAsync(Hub hub)
        {
            // Without a PostgreSQL server the PostGIS class is skipped, as every other PostGIS test (the in-process
            // hubs skip through Hub.Factory; these start a process of their own).
            if (hub.SkipReason is not null) Assert.Skip(hub.SkipReason);
            // A port the system hands out as free (two test classes start hubs at the same time).
            int port;
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var dll = Path.Combine(AppContext.BaseDirectory, "DataHub.Api.dll");
            var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DataHub__Database__Provider"] = hub.Database.ToString();
            start.Environment["DataHub__Database__ConnectionString"] = hub.ConnectionString;
            start.Environment["DataHub__Auth__LocalIssuer__Enabled"] = "true";
            start.Environment["DataHub__Auth__LocalIssuer__SigningKey"] = Hub.SigningKey;
            start.Environment["DataHub__RateLimit__BucketSize"] = "1000000";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__DataHub"] = "Information";
            var process = Process.Start(start)!;
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            var hubProcess = new HubProcess(process, http);
            for (var i = 0; ; i++)
            {
                try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return hubProcess; } catch (HttpRequestException) { }
                if (i > 240 || process.HasExited) throw new InvalidOperationException("the hub did not start:\n" + hubProcess.Output());
                await Task.Delay(250);
            }
        }

        public HttpClient As(string organisation)
        {
            var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hub.Token(organisation, [Roles.Submitter]));
            return client;
        }

        public bool Logged(string text) { lock (_lines) return _lines.Any(l => l.Contains(text, StringComparison.Ordinal)); }

        public string Output() { lock (_lines) return string.Join("\n", _lines.TakeLast(40)); }

        /// <summary>SIGKILL: no shutdown, no flush, no rollback by the process itself.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited) _process.Kill();
            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
            Http.Dispose();
        }
    }

    private static string DevelopmentFile(string batch)
    {
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        var random = new Random(42);
        for (var i = 0; i < Features; i++)
        {
            if (i > 0) text.Append(',');
            var lon = (5.02 + random.NextDouble() * 0.30).ToString("0.00000", CultureInfo.InvariantCulture);
            var lat = (52.02 + random.NextDouble() * 0.12).ToString("0.00000", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $$$"""{"type":"Feature","geometry":{"type":"Point","coordinates":[{{{lon}}},{{{lat}}}]},"properties":{"externalId":"{{{batch}}}-{{{i}}}","name":"Woningbouw {{{i}}}","planType":"woonagenda","sector":"housing","kind":"newBuildHomes","assetType":"consumer","certainty":"planned","quantities":[{"year":2030,"value":{{{10 + i % 90}}},"unit":"homes"}],"carriers":["electricity"]}}""");
        }
        return text.Append("]}").ToString();
    }

    private static string CapacityMap(string batch)
    {
        var map = new JsonObject
        {
            ["conforms_to"] = "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0", ["creator"] = "crash test", ["identifier"] = batch, ["issued"] = "2026-11-01",
            ["energy_areas"] = new JsonArray([.. Enumerable.Range(0, Areas).Select(i => (JsonNode)new JsonObject { ["short_code"] = $"OS {batch} {i}", ["works"] = new JsonArray() })]),
        };
        return map.ToJsonString();
    }

    private static async Task<int> Matched(HttpClient owner, string ownerCode) =>
        (await (await owner.GetAsync($"/api/v1/developments?owner={ownerCode}&limit=1")).Body())["numberMatched"]!.GetValue<int>();

    private static async Task<int> AreasOf(HttpClient client, string operatorCode, string batch) =>
        (await (await client.GetAsync($"/api/v1/energy-areas?operator={operatorCode}")).Body())["items"]!.AsArray()
            .Count(a => a!["shortCode"]!.GetValue<string>().StartsWith($"OS {batch} ", StringComparison.Ordinal));

    [Fact]
    public async Task A_development_import_killed_at_any_moment_leaves_none_or_all_of_it()
    {
        var file = DevelopmentFile("crash");
        var outcomes = new List<string>();
        // Owners without data in this hub: one per trial, so each trial's import is counted alone.
        string[] owners = ["GM0344", "GM0307", "GM0321", "GM0353", "GM0355", "GM0356"];
        var random = new Random(7);

        // Calibration: how long the import takes on this machine, and that a whole one is stored.
        TimeSpan whole, write;
        await using (var node = await HubProcess.StartAsync(hub))
        {
            var client = node.As(owners[^1]);
            var clock = Stopwatch.StartNew();
            var response = await client.PostAsync("/api/v1/development-imports", Http.GeoJson(file));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            whole = clock.Elapsed;
            Assert.Equal(Features, await Matched(client, owners[^1]));
            var logged = System.Text.RegularExpressions.Regex.Match(node.Output(), @"writing (\d+) ms"); // time in writes and the commit
            Assert.True(logged.Success, node.Output());
            write = TimeSpan.FromMilliseconds(double.Parse(logged.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        for (var trial = 0; trial < Trials; trial++)
        {
            var owner = owners[trial];
            var insideCommit = trial % 2 == 1;
            await using (var node = await HubProcess.StartAsync(hub))
            {
                var client = node.As(owner);
                var import = client.PostAsync("/api/v1/development-imports", Http.GeoJson(file));
                if (insideCommit)
                {
                    // Wait for the write phase (it starts with the first batch and overlaps the reading of the
                    // rest), then kill somewhere in it: from its middle to just past its commit.
                    var waited = Stopwatch.StartNew();
                    while (!node.Logged("writing") && !import.IsCompleted && waited.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(5);
                    await Task.Delay(TimeSpan.FromMilliseconds((0.5 + random.NextDouble() * 0.7) * write.TotalMilliseconds));
                }
                else await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * whole.TotalMilliseconds));
                await node.KillAsync();
                try { await import; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            }
            await using (var restarted = await HubProcess.StartAsync(hub))
            {
                var found = await Matched(restarted.As(owner), owner);
                Assert.True(found is 0 or Features, $"trial {trial} ({(insideCommit ? "inside the write" : "at random")}): {found} of {Features} developments survived");
                outcomes.Add(found == 0 ? "none" : "all");
                // The hub still takes the same import whole.
                if (found == 0 && trial == Trials - 1)
                {
                    var retry = await restarted.As(owner).PostAsync("/api/v1/development-imports", Http.GeoJson(file));
                    Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{hub.Database}: {string.Join(", ", outcomes)} (whole import {whole.TotalSeconds:0.0} s, write phase {write.TotalSeconds:0.0} s)");
    }

    [Fact]
    public async Task A_capacity_map_import_killed_at_any_moment_leaves_none_or_all_of_it()
    {
        var random = new Random(11);
        TimeSpan whole;
        await using (var node = await HubProcess.StartAsync(hub))
        {
            var map = CapacityMap("calibrate");
            var clock = Stopwatch.StartNew();
            var response = await node.As("ENEXIS").PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            whole = clock.Elapsed;
            Assert.Equal(Areas, await AreasOf(node.Http, "ENEXIS", "calibrate"));
        }
        for (var trial = 0; trial < Trials; trial++)
        {
            var batch = $"t{trial}";
            var map = CapacityMap(batch);
            await using (var node = await HubProcess.StartAsync(hub))
            {
                var import = node.As("ENEXIS").PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"));
                await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * whole.TotalMilliseconds * 1.1));
                await node.KillAsync();
                try { await import; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            }
            await using var restarted = await HubProcess.StartAsync(hub);
            var found = await AreasOf(restarted.Http, "ENEXIS", batch);
            Assert.True(found is 0 or Areas, $"trial {trial}: {found} of {Areas} energy areas survived");
        }
    }
}

public sealed class CrashSafetyOnSqlite(SqliteHub hub) : CrashSafetyTests(hub), IClassFixture<SqliteHub>;

public sealed class CrashSafetyOnPostgis(PostgresHub hub) : CrashSafetyTests(hub), IClassFixture<PostgresHub>;
