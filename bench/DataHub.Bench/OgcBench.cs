using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataHub.Api.Access;

namespace DataHub.Bench;

/// <summary>
/// OGC API – Features (GIS issue): a national set of developments (the import benchmark's generator, 90 % points,
/// 10 % polygons, public) imported into a Release hub process on SQLite; then, as a province (PV26, Reader):
/// items pages of 100 and 1,000 features with wrk (2 threads, 16 connections), beside REST's list of the same page
/// size on the same hub, and pages with CQL2 filters (attributes; a polygon); the first page of filters not asked
/// before (their count not kept yet); and a full copy of the collection with GDAL's ogr2ogr through paging (OAPIF driver, 10,000 a
/// page) into a GeoPackage, beside two references on the same machine: ogr2ogr of the hub's own GeoPackage export,
/// and ogr2ogr of the generated GeoJSON file straight from disk (the lower bound: no server at all).
///   dotnet run -c Release --project bench/DataHub.Bench -- ogc [--developments 250000] [--seconds 15]
/// </summary>
public static class OgcBench
{
    private const string AttributeFilter = "planType = 'RES' AND certainty IN ('planned', 'permitted')";
    /// <summary>Utrecht and surroundings, about a twentieth of the country, as a polygon (not a box: the exact test runs).</summary>
    private const string SpatialFilter = "S_INTERSECTS(geometry, POLYGON((4.9 51.95, 5.4 51.95, 5.4 52.25, 5.1 52.3, 4.9 52.25, 4.9 51.95)))";

    public static async Task<int> RunAsync(string root, int developments, int seconds)
    {
        if (!File.Exists("/usr/bin/wrk") || !File.Exists("/usr/bin/ogr2ogr")) { Console.Error.WriteLine("wrk and gdal-bin are needed (apt-get install wrk gdal-bin)"); return 1; }
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-bench-");
        try
        {
            var file = Path.Combine(dir.FullName, "developments.geojson");
            NationalDevelopments.Write(file, developments - developments / 10, developments / 10, seed: 42);
            var connection = "Data Source=" + Path.Combine(dir.FullName, "hub.db");
            await using var hub = await StartWithImportAsync("ogc", root, file, developments, "Sqlite", connection, "SQLite");
            var clock = Stopwatch.StartNew();
            var province = hub.As("PV26", Roles.Reader);
            var token = province.DefaultRequestHeaders.Authorization!.Parameter!;
            var matched = (await province.GetFromJsonAsync<JsonObject>("/ogc/v1/collections/developments/items?limit=1"))!["numberMatched"]!.GetValue<long>();
            Console.WriteLine($"PV26 sees {matched:N0} developments");

            Console.WriteLine($"| read (PV26, wrk -t2 -c16 -d{seconds}s) | req/s | p50 ms | p99 ms | features/s |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (what, url, size) in new[]
            {
                ("OGC items, 100 a page", "/ogc/v1/collections/developments/items?limit=100", 100),
                ("REST list, 100 a page", "/api/v1/developments?limit=100", 100),
                ("OGC items, 1,000 a page", "/ogc/v1/collections/developments/items?limit=1000", 1000),
                ("REST list, 1,000 a page", "/api/v1/developments?limit=1000", 1000),
                ("OGC items, CQL2 on attributes, 100 a page", $"/ogc/v1/collections/developments/items?limit=100&filter={Uri.EscapeDataString(AttributeFilter)}", 100),
                ("OGC items, CQL2 S_INTERSECTS polygon, 100 a page", $"/ogc/v1/collections/developments/items?limit=100&filter={Uri.EscapeDataString(SpatialFilter)}", 100),
            })
            {
                await WrkAsync(hub, url, token, 5); // warm-up: JIT, caches, connection pool
                var (rps, p50, p99) = await WrkAsync(hub, url, token, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {rps:N0} | {p50:0.0} | {p99:0.0} | {rps * size:N0} |"));
            }

            // A filter nobody asked before: its count is not kept yet, so the first page counts every match.
            foreach (var certainty in new[] { "planned", "permitted", "inProcedure" })
            {
                clock.Restart();
                var first = (await province.GetFromJsonAsync<JsonObject>($"/ogc/v1/collections/developments/items?limit=100&filter={Uri.EscapeDataString($"certainty = '{certainty}' AND {SpatialFilter}")}"))!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first page of a new CQL2 filter (certainty = '{certainty}' and the polygon): {clock.Elapsed.TotalMilliseconds:0} ms, {first["numberMatched"]} matched"));
            }

            Console.WriteLine("| full copy into a GeoPackage | seconds | features | peak hub RSS MB |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            var viaOgc = Path.Combine(dir.FullName, "via-ogc.gpkg");
            var (ogcSeconds, ogcCount) = await Ogr2OgrAsync(viaOgc, [$"OAPIF:{hub.Http.BaseAddress}ogc/v1/collections/developments", "-oo", "PAGE_SIZE=10000",
                "--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}", "-nln", "developments"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ogr2ogr from the OGC API (OAPIF, 10,000 a page) | {ogcSeconds:0.0} | {ogcCount:N0} | {hub.PeakRss() / 1e6:0} |"));
            if (ogcCount != matched) throw new InvalidOperationException($"the OAPIF copy has {ogcCount} features, the hub matched {matched}");
            var export = Path.Combine(dir.FullName, "export.gpkg");
            clock.Restart();
            await using (var body = await province.GetStreamAsync("/ogc/v1/collections/developments/export?f=gpkg"))
            await using (var target = File.Create(export)) await body.CopyToAsync(target);
            var exportSeconds = clock.Elapsed.TotalSeconds;
            var exported = await CountAsync(export);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the hub's GeoPackage export (download) | {exportSeconds:0.0} | {exported:N0} | {hub.PeakRss() / 1e6:0} |"));
            var (fileSeconds, fileCount) = await Ogr2OgrAsync(Path.Combine(dir.FullName, "from-file.gpkg"), [file, "-nln", "developments"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ogr2ogr from the GeoJSON file on disk (no server) | {fileSeconds:0.0} | {fileCount:N0} | |"));
            return 0;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>A Release hub without the demo on the given database, with the generated file imported (timed) as GM0344.</summary>
    internal static async Task<HubProcess> StartWithImportAsync(string what, string root, string file, int developments, string provider, string connection, string label)
    {
        var hub = await HubProcess.StartAsync(what, root, new()
        {
            ["DataHub__Database__Provider"] = provider,
            ["DataHub__Database__ConnectionString"] = connection,
            ["DataHub__Demo__Seed"] = "false",
            ["DataHub__Limits__MaxImportFeatures"] = "2000000",
        });
        var clock = Stopwatch.StartNew();
        await using (var stream = File.OpenRead(file))
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new("application/geo+json");
            var imported = await hub.As("GM0344", Roles.Submitter).PostAsync("/api/v1/development-imports", content);
            if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine($"{developments:N0} developments imported in {clock.Elapsed.TotalSeconds:0} s (hub on {label}, Release)");
        return hub;
    }

    private static Task<(double Rps, double P50, double P99)> WrkAsync(HubProcess hub, string url, string token, int seconds) =>
        WrkAsync(hub.Http.BaseAddress + url.TrimStart('/'), token, seconds);

    /// <summary>wrk, 2 threads and 16 connections, on a whole URL (with a Bearer token when given): req/s, p50 and p99 in ms.</summary>
    /// <remarks>wrk's timeout is 60 s, so a slow answer is measured, not dropped; a timeout or socket error stops the benchmark.</remarks>
    internal static async Task<(double Rps, double P50, double P99)> WrkAsync(string url, string? token, int seconds)
    {
        string[] auth = token is null ? [] : ["-H", $"Authorization: Bearer {token}"];
        var start = new ProcessStartInfo("wrk", ["-t2", "-c16", $"-d{seconds}s", "--timeout", "60s", "--latency", .. auth, url])
            { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } bad) throw new InvalidOperationException($"wrk saw {bad.Groups[1].Value} non-2xx answers on {url}");
        if (Regex.Match(output, @"Socket errors:.*") is { Success: true } errors) throw new InvalidOperationException($"wrk on {url}: {errors.Value}");
        double Latency(string p)
        {
            var m = Regex.Match(output, $@"{Regex.Escape(p)}\s+([\d.]+)(us|ms|s)");
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        return (double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture), Latency("50%"), Latency("99%"));
    }

    internal static async Task<(double Seconds, long Count)> Ogr2OgrAsync(string target, string[] source)
    {
        var clock = Stopwatch.StartNew();
        await RunAsync("ogr2ogr", ["-f", "GPKG", target, .. source]);
        return (clock.Elapsed.TotalSeconds, await CountAsync(target));
    }

    private static async Task<long> CountAsync(string gpkg)
    {
        var output = await RunAsync("ogrinfo", ["-ro", "-so", "-al", gpkg]);
        return long.Parse(Regex.Match(output, @"Feature Count: (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    internal static async Task<string> RunAsync(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool}: {await error}");
        return await output;
    }
}
