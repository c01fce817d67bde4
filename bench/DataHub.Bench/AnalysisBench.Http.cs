using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataHub.Api.Access;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Spatial;

namespace DataHub.Bench;

/// <summary>The analysis benchmark over HTTP: the national set loaded into a hub process through its own API, and read back as callers would.</summary>
public static partial class AnalysisBench
{
    /// <summary>Loads the national set into a hub through its own API: the developments as one import (GM0344), the
    /// areas as a capacity map and their boundaries and capacity per year (a grid operator, STEDIN).</summary>
    public static async Task LoadOverHttpAsync(HubProcess hub, string file, List<GridArea> areas)
    {
        await using (var stream = File.OpenRead(file))
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new("application/geo+json");
            Check(await hub.As("GM0344", Roles.Submitter).PostAsync("/api/v1/development-imports", content));
        }
        var stedin = hub.As("STEDIN", Roles.Submitter);
        var map = new JsonObject
        {
            ["conforms_to"] = "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0",
            ["creator"] = "bench",
            ["identifier"] = "bench",
            ["issued"] = "2026-11-01",
            ["energy_areas"] = new JsonArray([.. areas.Select(a => (JsonNode)new JsonObject { ["short_code"] = a.ShortCode, ["works"] = new JsonArray() })]),
        };
        Check(await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map.ToJsonString(), System.Text.Encoding.UTF8, "application/json")));
        var features = new JsonArray([.. areas.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "Feature", ["geometry"] = JsonSerializer.SerializeToNode(a.Boundary, DataHub.Api.Http.GeoJson.Options),
            ["properties"] = new JsonObject
            {
                ["shortCode"] = a.ShortCode,
                ["capacity"] = new JsonArray([.. a.Capacity.Select(c => (JsonNode)new JsonObject { ["year"] = c.Year, ["offtakeMw"] = c.OfftakeMw, ["feedInMw"] = c.FeedInMw })]),
            },
        })]);
        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        Check(await stedin.PostAsync("/api/v1/energy-area-imports", new StringContent(collection.ToJsonString(), System.Text.Encoding.UTF8, "application/geo+json")));
    }

    private static async Task OverHttpAsync(string root, int developments, List<GridArea> areas, int quickscans)
    {
        var dir = Directory.CreateTempSubdirectory("datahub-analysis-bench-");
        try
        {
            var file = Path.Combine(dir.FullName, "developments.geojson");
            NationalDevelopments.Write(file, developments - developments / 10, developments / 10, seed: 42);
            await using var hub = await HubProcess.StartAsync("analysis hub", root, new()
            {
                ["DataHub__Database__Provider"] = "Sqlite",
                ["DataHub__Database__ConnectionString"] = $"Data Source={Path.Combine(dir.FullName, "bench.db")}",
            }, line => { if (line.Contains("Analysis model")) Console.WriteLine($"  hub: {line}"); });
            var timer = Stopwatch.StartNew();
            await LoadOverHttpAsync(hub, file, areas);
            Console.WriteLine($"hub loaded over HTTP in {timer.Elapsed.TotalSeconds:0.0} s");

            var municipality = hub.As("GM0344", Roles.Reader);
            timer.Restart();
            Check(await municipality.GetAsync("/api/v1/bottlenecks?scenario=expected&fromYear=2025&toYear=2050"));
            var first = timer.Elapsed.TotalMilliseconds;
            timer.Restart();
            var national = await municipality.GetAsync("/api/v1/bottlenecks?fromYear=2025&toYear=2050");
            Check(national);
            var again = timer.Elapsed.TotalMilliseconds;
            var random = new Random(13);
            var kinds = new[] { ("chargingHub", "chargingPoints", 4, 60), ("newBuildHomes", "homes", 50, 2000), ("solarPark", "MWp", 2, 50) };
            var latency = new List<double>();
            var catalogue = AreaCatalogue.Instance.Municipalities;
            for (var run = 0; run < quickscans + 20; run++)
            {
                var m = catalogue[random.Next(catalogue.Count)];
                var c = m.Boundary.InteriorPoint.Coordinate;
                var (kind, unit, min, max) = kinds[random.Next(kinds.Length)];
                var body = new JsonObject
                {
                    ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(c.X + (random.NextDouble() - 0.5) * 0.02, 6), Math.Round(c.Y + (random.NextDouble() - 0.5) * 0.02, 6)) },
                    ["kind"] = kind,
                    ["quantity"] = new JsonObject { ["value"] = Math.Round(min + random.NextDouble() * (max - min)), ["unit"] = unit },
                    ["year"] = 2026 + random.Next(12),
                };
                timer.Restart();
                Check(await municipality.PostAsync("/api/v1/quickscans", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")));
                if (run >= 20) latency.Add(timer.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{"over HTTP (hub process, SQLite)",-52} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}");
            Console.WriteLine($"{"first analysis request (model built from the database)",-52} {first,9:0} ");
            Console.WriteLine($"{"GET /bottlenecks, all areas, 26 years, 3 scenarios",-52} {again,9:0}");
            Row($"POST /quickscans ({quickscans:N0} random locations)", latency);
            Console.WriteLine($"hub peak RSS (VmHWM) {hub.PeakRss() / 1e6:0} MB");
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
