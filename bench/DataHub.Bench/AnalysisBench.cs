using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace DataHub.Bench;

/// <summary>
/// Analysis benchmark (grid-capacity issue): a national data set of developments (the import benchmark's generator)
/// and energy areas (a Voronoi partition around points spread like the municipalities, capacity per year 2025–2050
/// set so that bottlenecks appear in every year) is analysed in process with the hub's own model, as a request
/// would: full recompute, recompute after one development changes, quickscans at random locations. The same
/// aggregation is timed as one PostGIS SQL query in the same run.
/// </summary>
public static partial class AnalysisBench
{
    private const int From = 2025, To = 2050;

    public static async Task<int> RunAsync(int developments, int areaCount, int quickscans, string? postgres, string root)
    {
        var rules = RuleSetCatalogue.Instance.Default;
        var timer = Stopwatch.StartNew();
        var polygons = developments / 10;
        var (rows, areas) = National(developments, areaCount);
        Console.WriteLine($"generated {rows.Count:N0} developments ({polygons:N0} polygons) and {areas.Count:N0} energy areas with capacity in {timer.Elapsed.TotalSeconds:0.0} s");
        var stamp = new DataStamp(rows.Count, rows.Count, areas.Count, areas.Count);
        var everything = AnalysisView.Everything();
        var disclosure = new DisclosureOptions();
        var random = new Random(11);
        for (var i = 0; i < areas.Count; i++) random.Next(20); // the draws National made for the capacity, so that what follows draws as before

        // BENCH_PHASES=1: where a rebuild's time goes (each phase alone, on both cores), with the GC's share.
        if (Environment.GetEnvironmentVariable("BENCH_PHASES") is not null)
            for (var run = 0; run < 2; run++)
            {
                timer.Restart();
                var g = new GridAreas(areas);
                Console.WriteLine($"phase index {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                var facts = new DevelopmentFacts[rows.Count];
                Parallel.For(0, rows.Count, i => facts[i] = DevelopmentFacts.Of(rows[i]));
                Console.WriteLine($"phase facts {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                Parallel.For(0, rows.Count - polygons, i => g.Assign(rows[i].Geometry));
                Console.WriteLine($"phase assign points {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                Parallel.For(rows.Count - polygons, rows.Count, i => g.Assign(rows[i].Geometry));
                Console.WriteLine($"phase assign polygons {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                Parallel.For(0, rows.Count, i => GridModel.Steps(facts[i], rules, false));
                Console.WriteLine($"phase steps {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                var m = GridModel.Build(g, rows, [rules], stamp);
                Console.WriteLine($"phase build {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
                for (var a = 0; a < areas.Count; a++) m.Evaluate(a, everything, 0, From, To, Scenarios.All, false, disclosure);
                Console.WriteLine($"phase evaluate {timer.ElapsedMilliseconds} ms (GC pause so far {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, gen2 {GC.CollectionCount(2)}, gen0 {GC.CollectionCount(0)})"); timer.Restart();
            }

        // Full recompute: index the areas, assign and translate every development, then all loads and bottlenecks.
        var full = new List<double>();
        var evaluate = new List<double>();
        GridModel model = null!;
        IReadOnlyList<Bottleneck> bottlenecks = [];
        var gcPause = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var pauseBefore = GC.GetTotalPauseDuration();
            timer.Restart();
            model = GridModel.Build(new GridAreas(areas), rows, [rules], stamp);
            var built = timer.Elapsed.TotalMilliseconds;
            bottlenecks = model.Bottlenecks(null, AnalysisView.Everything(), 0, From, To, Scenarios.All, disclosure).Bottlenecks;
            if (run == 0) continue; // warm-up
            full.Add(timer.Elapsed.TotalMilliseconds);
            gcPause.Add((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
            evaluate.Add(timer.Elapsed.TotalMilliseconds - built);
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var firstYears = bottlenecks.GroupBy(b => b.FirstYear).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}");
        Console.WriteLine($"{bottlenecks.Count:N0} bottlenecks (area × direction × scenario); first years {string.Join(" ", firstYears.Take(8))} …");

        // One development changes: the model takes the new version, and the areas it leaves and enters are evaluated anew.
        var incremental = new List<double>();
        var incrementalNational = new List<double>();
        for (var run = 0; run < 60; run++)
        {
            var old = rows[random.Next(rows.Count)];
            var changed = old.NextVersion();
            changed.Version = old.Version + 1;
            changed.QuantitiesJson = JsonSerializer.Serialize(new[] { new Quantity(2027 + run % 10, 100 + run, "homes") }, DevelopmentMapping.StoredJson);
            (changed.Sector, changed.Kind) = ("housing", "newBuildHomes");
            changed.Geometry = CrsTransform.Crs84Factory.CreatePoint(new Coordinate(old.Geometry.Centroid.X + 0.05, old.Geometry.Centroid.Y));
            timer.Restart();
            var previous = model.Grid.Assign(old.Geometry).Select(s => s.Area);
            var next = model.With([changed], stamp with { DevelopmentVersions = stamp.DevelopmentVersions + run + 1 });
            var touched = previous.Concat(next.Grid.Assign(changed.Geometry).Select(s => s.Area)).Distinct().ToList();
            _ = next.Bottlenecks(touched, AnalysisView.Everything(), 0, From, To, Scenarios.All, disclosure);
            incremental.Add(timer.Elapsed.TotalMilliseconds);
            if (run % 10 == 0)
            {
                timer.Restart();
                _ = next.Bottlenecks(null, AnalysisView.Everything(), 0, From, To, Scenarios.All, disclosure);
                incrementalNational.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        // Quickscans at random locations, through a caller's view (a municipality with no agreements).
        var municipalities = AreaCatalogue.Instance.Municipalities;
        var kinds = new (string Kind, string Sector, string Unit, double Min, double Max)[]
        {
            ("chargingHub", "mobility", "chargingPoints", 4, 60), ("newBuildHomes", "housing", "homes", 50, 2000),
            ("solarPark", "renewableGeneration", "MWp", 2, 50), ("businessPark", "businessPark", "hectares", 2, 40),
        };
        var latency = new List<double>();
        var verdicts = new Dictionary<string, int>();
        var withAlternatives = 0;
        var scope = new AccessScope(new Caller("GM0344", new HashSet<string> { Roles.Reader }, "bench"), "municipality", [], DateOnly.FromDateTime(DateTime.UtcNow), null);
        for (var run = 0; run < quickscans + 50; run++)
        {
            var m = municipalities[random.Next(municipalities.Count)];
            var here = m.Boundary.InteriorPoint.Coordinate;
            var point = CrsTransform.Crs84Factory.CreatePoint(new Coordinate(here.X + (random.NextDouble() - 0.5) * 0.02, here.Y + (random.NextDouble() - 0.5) * 0.02));
            var k = kinds[random.Next(kinds.Length)];
            var value = k.Min + random.NextDouble() * (k.Max - k.Min);
            var year = 2026 + random.Next(12);
            timer.Restart();
            var view = AnalysisView.For(scope);
            var offtake = rules.RulesFor(k.Kind, k.Unit).Where(r => r.Carrier == "electricity").Sum(r => (r.PeakOfftakeMw ?? 0) * value);
            var feedIn = rules.RulesFor(k.Kind, k.Unit).Where(r => r.Carrier == "electricity").Sum(r => (r.PeakFeedInMw ?? 0) * value);
            var outcome = Quickscan.Evaluate(model.Grid, a => model.Evaluate(a, view, 0, year, year + QuickscanContracts.Horizon, Scenarios.All, false, disclosure),
                point, k.Sector, offtake, feedIn, rules, year, QuickscanContracts.Horizon);
            if (run < 50) continue; // warm-up
            latency.Add(timer.Elapsed.TotalMilliseconds);
            verdicts[outcome.Verdict] = verdicts.GetValueOrDefault(outcome.Verdict) + 1;
            if (outcome.Alternatives.Count > 0) withAlternatives++;
        }

        var peak = PeakRss();
        Console.WriteLine();
        Console.WriteLine($"{"what",-52} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}");
        Row("full recompute: build model + all loads and bottlenecks", full);
        Row("  of which loads and bottlenecks for one caller", evaluate);
        Row("  of which GC pauses", gcPause);
        Row("one development changes: update + its areas", incremental);
        Row("one development changes: update + all areas", incrementalNational);
        Row($"quickscan ({quickscans:N0} random locations)", latency);
        Console.WriteLine($"quickscan verdicts: {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"))}; with alternatives: {withAlternatives}");
        Console.WriteLine($"model: {model.Count:N0} developments, {model.Grid.Areas.Count:N0} areas; managed heap after build {heap / 1e6:0} MB; peak RSS (VmHWM) {peak / 1e6:0} MB");

        await OverHttpAsync(root, developments, areas, quickscans);

        if (string.IsNullOrEmpty(postgres)) { Console.WriteLine("PostGIS: skipped (no --postgres connection string and no DATAHUB_TEST_POSTGRES)"); return 0; }
        var sql = await PostgisAsync(postgres, rows, areas, rules);
        var ours = Median(full);
        Console.WriteLine($"PostGIS ST_Intersects aggregation (area × year, one scenario): {sql:0} ms; the hub's full recompute (three scenarios, bottlenecks too) {ours:0} ms: {sql / ours:0.0}× faster");
        return 0;
    }

    /// <summary>
    /// The same data in a hub process (SQLite): developments through the import API, energy areas through the capacity
    /// map and the energy-area import, then the first analysis request (which builds the model from the database)
    /// and quickscans over HTTP, as a municipality asks them.
    /// </summary>
    /// <summary>The national data set: developments as the import benchmark generates them and energy areas (a Voronoi
    /// partition) whose capacity runs out in a year between 2026 and 2045 (their expected load then); a third is
    /// relieved by works four years later.</summary>
    public static (List<DevelopmentVersion> Rows, List<GridArea> Areas) National(int developments, int areaCount)
    {
        var rules = RuleSetCatalogue.Instance.Default;
        var polygons = developments / 10;
        var rows = NationalDevelopments.Generate(developments - polygons, polygons, seed: 42).Select(Row).ToList();
        var boundaries = Partition(areaCount, seed: 7);
        var stamp = new DataStamp(rows.Count, rows.Count, boundaries.Count, boundaries.Count);
        var draft = GridModel.Build(new GridAreas([.. boundaries.Select((b, i) => new GridArea(AreaId(i), "BENCH", $"EA{i:0000}", b, []))]), rows, [rules], stamp);
        var everything = AnalysisView.Everything();
        var disclosure = new DisclosureOptions();
        var random = new Random(11);
        var areas = new List<GridArea>();
        for (var i = 0; i < boundaries.Count; i++)
        {
            var load = draft.Evaluate(i, everything, 0, From, To, [Scenarios.Expected], false, disclosure);
            var fullYear = 2026 + random.Next(20);
            var offtake = Math.Max(1, Math.Round(load[fullYear - From].PeakOfftakeMw, 1));
            var feedIn = Math.Max(1, Math.Round(load[Math.Min(To, fullYear + 3) - From].PeakFeedInMw, 1));
            List<CapacityYear> capacity = [new(From, offtake, feedIn)];
            if (i % 3 == 0) capacity.Add(new(fullYear + 4, Math.Round(offtake * 2.5 + 5, 1), Math.Round(feedIn * 2 + 5, 1)));
            areas.Add(new GridArea(AreaId(i), "BENCH", $"EA{i:0000}", boundaries[i], capacity));
        }
        draft = null;
        GC.Collect();
        return (rows, areas);
    }

    private static void Check(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = response.Content.ReadAsStringAsync().Result;
        throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body[..Math.Min(body.Length, 2000)]}");
    }

    private static void Row(string what, List<double> ms)
    {
        if (ms.Count == 0) return;
        Console.WriteLine($"{what,-52} {Percentile(ms, 50),9:0.0} {Percentile(ms, 95),9:0.0} {Percentile(ms, 99),9:0.0} {ms.Max(),9:0.0}");
    }

    private static double Median(List<double> ms) => Percentile(ms, 50);

    private static double Percentile(List<double> ms, double p)
    {
        var sorted = ms.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static Guid AreaId(int i) => new(i, 0, 0, new byte[8]);

    private static DevelopmentVersion Row(NationalDevelopments.Generated g) => new()
    {
        DevelopmentId = Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(g.N)),
        OwnerCode = g.Municipality.Code,
        ExternalId = $"bench-{g.N}",
        Name = g.Kind,
        PlanType = g.PlanType,
        Sector = g.Sector,
        Kind = g.Kind,
        AssetType = g.AssetType,
        Certainty = g.Certainty,
        Visibility = "public",
        Version = 1,
        FirstYear = g.Quantities[0].Year,
        MunicipalityCode = g.Municipality.Code,
        ProvinceCode = g.Municipality.ProvinceCode,
        ResRegionCode = g.Municipality.ResRegionCode,
        OtherMunicipalityCodes = "[]",
        Geometry = g.Geometry,
        QuantitiesJson = JsonSerializer.Serialize(g.Quantities, DevelopmentMapping.StoredJson),
        EnergyJson = "[]",
        CarriersJson = "[\"electricity\"]",
        SourceJson = "{}",
        ContentHash = "",
        ChangedBy = "bench",
        ChangeKind = "created",
    };

    /// <summary>Energy areas: Voronoi cells around points placed like developments (denser where municipalities are smaller), clipped to the land.</summary>
    private static List<Geometry> Partition(int count, int seed)
    {
        var sites = NationalDevelopments.Generate(count, 0, seed).Select(g => g.Geometry.Coordinate).ToList();
        var land = AreaCatalogue.Instance.Municipalities.Select(m => m.Boundary).ToList();
        var envelope = new Envelope();
        foreach (var b in land) envelope.ExpandToInclude(b.EnvelopeInternal);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = envelope };
        builder.SetSites(sites);
        var cells = builder.GetDiagram(CrsTransform.Crs84Factory);
        var result = new List<Geometry>();
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            cell.SRID = 4326;
            result.Add(cell);
        }
        return [.. result.OrderBy(c => c.Centroid.Y).ThenBy(c => c.Centroid.X)];
    }

    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
