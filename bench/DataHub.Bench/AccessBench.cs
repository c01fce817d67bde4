using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DataHub.Bench;

/// <summary>
/// The cost of access (trust-at-the-edges issue): GET /developments?limit=100 on the demo, measured with wrk (2 threads,
/// 16 connections) against a Release hub process, as the province PV26 (27 agreements), as PV26 again after 1,000
/// further active agreements (every municipality sharing with its province, its RES region and a grid operator), and
/// anonymously; on SQLite and on PostGIS side by side.
///   dotnet run -c Release --project bench/DataHub.Bench -- access [--seconds 15] [--postgres "&lt;conn&gt;"]
/// </summary>
public static class AccessBench
{
    private const string Url = "/api/v1/developments?limit=100";

    public static async Task<int> RunAsync(int seconds, string? postgres, string root)
    {
        if (!File.Exists("/usr/bin/wrk")) { Console.Error.WriteLine("wrk is not installed (apt-get install wrk)"); return 1; }
        var rows = new List<(string Database, string What, Wrk Result)>();
        var sqliteDir = Directory.CreateTempSubdirectory("datahub-access-");
        rows.AddRange(await MeasureAsync("SQLite", root, seconds, new()
        {
            ["DataHub__Database__Provider"] = "Sqlite",
            ["DataHub__Database__ConnectionString"] = $"Data Source={Path.Combine(sqliteDir.FullName, "bench.db")}",
        }));
        sqliteDir.Delete(true);
        if (!string.IsNullOrEmpty(postgres))
        {
            await using var db = await ScratchDatabase.CreateAsync(postgres, "datahub_access");
            rows.AddRange(await MeasureAsync("PostGIS", root, seconds, new()
            {
                ["DataHub__Database__Provider"] = "Postgres",
                ["DataHub__Database__ConnectionString"] = db.ConnectionString,
            }));
        }
        else Console.WriteLine("PostGIS: skipped (no --postgres connection string and no DATAHUB_TEST_POSTGRES)");

        Console.WriteLine();
        Console.WriteLine($"GET {Url}, wrk -t2 -c16 -d{seconds}s, Release hub, demo data");
        Console.WriteLine($"| caller | {string.Join(" | ", rows.Select(r => r.Database).Distinct().Select(d => $"{d} req/s | {d} p50 ms | {d} p99 ms"))} |");
        foreach (var what in rows.Select(r => r.What).Distinct())
        {
            var cells = rows.Where(r => r.What == what).Select(r => $"{r.Result.RequestsPerSecond:N0} | {r.Result.P50Ms:0.0} | {r.Result.P99Ms:0.0}");
            Console.WriteLine($"| {what} | {string.Join(" | ", cells)} |");
        }
        return 0;
    }

    private static async Task<List<(string, string, Wrk)>> MeasureAsync(string database, string root, int seconds, Dictionary<string, string> env)
    {
        env["DataHub__Demo__Seed"] = "true";
        await using var hub = await HubProcess.StartAsync($"access, {database}", root, env);
        var province = hub.As("PV26", "Reader");
        var matched = (await province.GetFromJsonAsync<JsonObject>(Url))!["numberMatched"]!.GetValue<int>();
        Console.WriteLine($"{database}: PV26 sees {matched} developments");
        var token = province.DefaultRequestHeaders.Authorization!.Parameter!;
        var results = new List<(string, string, Wrk)>();
        // Warm-up of both paths (JIT to tier 1, EF query cache, connection pool), so that the first measured line is not
        // partly on tier-0 code (with 3 s of anonymous warm-up only, it was slower than the line after it).
        // 10 s each: server GC with DATAS (the hub's default) adapts its heap count to the load over some seconds.
        await RunWrkAsync(hub, null, 10);
        await RunWrkAsync(hub, token, 10);
        results.Add((database, "anonymous", await RunWrkAsync(hub, null, seconds)));
        results.Add((database, "PV26 (27 agreements)", await RunWrkAsync(hub, token, seconds)));
        var added = await AddAgreementsAsync(hub);
        Console.WriteLine($"{database}: added {added} agreements");
        results.Add((database, $"PV26 after {added:N0} more agreements", await RunWrkAsync(hub, token, seconds)));
        // The audit events of the PV26 runs (four owners' shared records per page, so thousands of rows a second) are
        // in the database now; a hub that has been busy a while is measured too.
        results.Add((database, "anonymous, after the PV26 runs", await RunWrkAsync(hub, null, seconds)));
        return results;
    }

    /// <summary>Every municipality shares its woonagenda data in detail with its province, its RES region and a grid operator.</summary>
    private static async Task<int> AddAgreementsAsync(HubProcess hub)
    {
        var areas = (await hub.Http.GetFromJsonAsync<JsonObject>("/api/v1/areas?kind=municipality&withGeometry=false"))!["features"]!.AsArray()
            .Select(f => f!["properties"]!).Select(p => (Code: p["code"]!.GetValue<string>(), Province: p["provinceCode"]?.GetValue<string>(), Res: p["resRegionCode"]?.GetValue<string>()))
            .ToList();
        var count = 0;
        await Parallel.ForEachAsync(areas, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, ct) =>
        {
            using var admin = hub.As(m.Code, "OrgAdmin");
            foreach (var recipient in new[] { m.Province, m.Res, "LIANDER" }.OfType<string>())
            {
                var body = new JsonObject
                {
                    ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = recipient }),
                    ["scope"] = new JsonObject { ["planTypes"] = new JsonArray("woonagenda"), ["areas"] = new JsonArray(m.Code) },
                    ["level"] = "detail", ["purpose"] = "integraal programmeren", ["validFrom"] = "2026-01-01", ["status"] = "active",
                };
                var response = await admin.PostAsJsonAsync("/api/v1/sharing-agreements", body, ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{m.Code} → {recipient}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                Interlocked.Increment(ref count);
            }
        });
        return count;
    }

    public sealed record Wrk(double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx);

    private static async Task<Wrk> RunWrkAsync(HubProcess hub, string? token, int seconds)
    {
        var args = new List<string> { "-t2", "-c16", $"-d{seconds}s", "--latency" };
        if (token is not null) args.AddRange(["-H", $"Authorization: Bearer {token}"]);
        args.Add(hub.Http.BaseAddress + Url.TrimStart('/'));
        var start = new ProcessStartInfo("wrk", args) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (non2xx > 0) throw new InvalidOperationException($"wrk saw {non2xx} non-2xx answers:\n{output}");
        return new Wrk(rps, Latency(output, "50%"), Latency(output, "99%"), non2xx);
    }

    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }
}
