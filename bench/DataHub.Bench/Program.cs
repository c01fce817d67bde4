using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using DataHub.Api.Access;
using DataHub.Bench;
using Npgsql;

// Import benchmark (foundation issue): a generated national GeoJSON of point and polygon developments is
// imported into a real hub process on SQLite and on PostGIS, and loaded with GDAL's ogr2ogr -f GPKG as a
// reference, in the same run. Prints wall time, throughput and the hub's peak memory (VmHWM).
//   dotnet run -c Release --project bench/DataHub.Bench -- [--points 100000] [--polygons 10000] [--postgres "<conn>"]
// Analysis benchmark (grid-capacity issue): see AnalysisBench.
//   dotnet run -c Release --project bench/DataHub.Bench -- analysis [--developments 250000] [--areas 3000] [--quickscans 1000] [--postgres "<conn>"]
// Access benchmark (trust-at-the-edges issue): see AccessBench.
//   dotnet run -c Release --project bench/DataHub.Bench -- access [--seconds 15] [--postgres "<conn>"]
// Map benchmark (the map issue): the map in headless Chromium, demo first view, national and city views, bundle size.
//   dotnet run -c Release --project bench/DataHub.Bench -- map [--developments 250000] [--areas 3000] [--runs 5]
// GraphQL benchmark (application-core issue): GraphQL against REST's equivalent, latency and allocations, in process.
//   dotnet run -c Release --project bench/DataHub.Bench -- graphql [--requests 2000] [--no-answer-cache]
// OGC API – Features (GIS issue): items pages with wrk and a full ogr2ogr copy of a national set; see OgcBench.
//   dotnet run -c Release --project bench/DataHub.Bench -- ogc [--developments 250000] [--seconds 15]
if (args.FirstOrDefault() == "ogc")
    return await OgcBench.RunAsync(FindRoot(), Arg("--developments", 250_000), Arg("--seconds", 15));
// OGC API – Features against MapServer 8's OGC API on the same PostGIS data (GIS issue); see OgcReferenceBench.
//   dotnet run -c Release --project bench/DataHub.Bench -- ogc-reference [--developments 250000] [--seconds 15] [--postgres "<conn>"]
if (args.FirstOrDefault() == "ogc-reference")
    return await OgcReferenceBench.RunAsync(FindRoot(), Arg("--developments", 250_000), Arg("--seconds", 15),
        ArgString("--postgres") ?? Environment.GetEnvironmentVariable("DATAHUB_TEST_POSTGRES"));
// RD New accuracy (GIS issue): the hub's RD New transformation against GDAL/PROJ on points across the country.
//   dotnet run -c Release --project bench/DataHub.Bench -- rd-accuracy [--points 1000]
if (args.FirstOrDefault() == "rd-accuracy")
    return await RdAccuracyBench.RunAsync(Arg("--points", 1_000));
if (args.FirstOrDefault() == "graphql")
    return await GraphQLBench.RunAsync(Arg("--requests", 2_000), FindRoot(), answerCache: !args.Contains("--no-answer-cache"));
if (args.FirstOrDefault() == "map")
    return await MapBench.RunAsync(FindRoot(), Arg("--developments", 250_000), Arg("--areas", 3_000), Arg("--runs", 5));
if (args.FirstOrDefault() == "access")
    return await AccessBench.RunAsync(Arg("--seconds", 15), ArgString("--postgres") ?? Environment.GetEnvironmentVariable("DATAHUB_TEST_POSTGRES"), FindRoot());
if (args.FirstOrDefault() == "analysis")
    return await AnalysisBench.RunAsync(Arg("--developments", 250_000), Arg("--areas", 3_000), Arg("--quickscans", 1_000),
        ArgString("--postgres") ?? Environment.GetEnvironmentVariable("DATAHUB_TEST_POSTGRES"), FindRoot());
var points = Arg("--points", 100_000);
var polygons = Arg("--polygons", 10_000);
var postgres = ArgString("--postgres") ?? Environment.GetEnvironmentVariable("DATAHUB_TEST_POSTGRES");
var root = FindRoot();
var outDir = Path.Combine(root, "bench", "out");
Directory.CreateDirectory(outDir);

var file = Path.Combine(outDir, $"developments-{points}-{polygons}.geojson");
var sw = Stopwatch.StartNew();
var bytes = NationalDevelopments.Write(file, points, polygons, seed: 42);
Console.WriteLine($"generated {points:N0} points + {polygons:N0} polygons: {bytes / 1e6:0.0} MB in {sw.Elapsed.TotalSeconds:0.0} s -> {file}");

var results = new List<(string What, double Seconds, long PeakBytes)>();
var ogr = Ogr2Ogr(file, Path.Combine(outDir, "reference.gpkg"));
if (ogr is { } o) results.Add(("ogr2ogr -f GPKG", o.Seconds, o.PeakBytes));

var sqliteDir = Directory.CreateTempSubdirectory("datahub-bench-");
results.Add(await ImportIntoHub("hub import, SQLite", file, new()
{
    ["DataHub__Database__Provider"] = "Sqlite",
    ["DataHub__Database__ConnectionString"] = $"Data Source={Path.Combine(sqliteDir.FullName, "bench.db")}",
}));
sqliteDir.Delete(true);

if (!string.IsNullOrEmpty(postgres))
{
    await using var db = await ScratchDatabase.CreateAsync(postgres, "datahub_bench");
    results.Add(await ImportIntoHub("hub import, PostGIS", file, new()
    {
        ["DataHub__Database__Provider"] = "Postgres",
        ["DataHub__Database__ConnectionString"] = db.ConnectionString,
    }));
}
else Console.WriteLine("PostGIS: skipped (no --postgres connection string and no DATAHUB_TEST_POSTGRES)");

var features = points + polygons;
Console.WriteLine();
Console.WriteLine($"{"what",-22} {"seconds",8} {"features/s",11} {"peak MB",8} {"× ogr2ogr",10}");
foreach (var (what, seconds, peak) in results)
{
    var ratio = ogr is { } r ? (seconds / r.Seconds).ToString("0.00", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine($"{what,-22} {seconds,8:0.00} {features / seconds,11:N0} {peak / 1e6,8:0} {ratio,10}");
}
return 0;

async Task<(string, double, long)> ImportIntoHub(string what, string path, Dictionary<string, string> env)
{
    await using var hub = await HubProcess.StartAsync(what, root, env, line => { if (line.Contains("import")) Console.WriteLine($"  hub: {line}"); });
    var http = hub.As("GM0344", Roles.Submitter);
    var before = hub.PeakRss();
    await using var stream = File.OpenRead(path);
    var content = new StreamContent(stream);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
    var timer = Stopwatch.StartNew();
    var response = await http.PostAsync("/api/v1/development-imports", content);
    var seconds = timer.Elapsed.TotalSeconds;
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
    var peak = hub.PeakRss();
    Console.WriteLine($"{what}: {seconds:0.00} s, peak RSS {peak / 1e6:0} MB (before the import {before / 1e6:0} MB): {body}");
    return (what, seconds, peak);
}

static (double Seconds, long PeakBytes)? Ogr2Ogr(string source, string target)
{
    File.Delete(target);
    var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%M", "ogr2ogr", "-f", "GPKG", target, source])
    {
        RedirectStandardError = true, RedirectStandardOutput = true,
    };
    try
    {
        var timer = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var seconds = timer.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) { Console.WriteLine($"ogr2ogr failed: {err}"); return null; }
        var kb = long.TryParse(err.Trim().Split('\n')[^1], out var k) ? k : 0;
        Console.WriteLine($"ogr2ogr -f GPKG: {seconds:0.00} s, peak RSS {kb / 1000.0:0} MB");
        return (seconds, kb * 1024);
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.WriteLine("ogr2ogr: skipped (install gdal-bin and GNU time)");
        return null;
    }
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "DataHub.sln"))) return d.FullName;
    throw new InvalidOperationException("run from inside the repository");
}

int Arg(string name, int fallback) => ArgString(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? ArgString(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
