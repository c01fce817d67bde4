using System.Diagnostics;
using System.Globalization;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Bench;

/// <summary>
/// RD New accuracy (GIS issue): the hub's RD New ⇄ WGS 84/ETRS89 transformation (ProjNET, Amersfoort → WGS 84 by a
/// 7-parameter Helmert, <see cref="CrsTransform"/>) against GDAL/PROJ's own (<c>gdaltransform</c>, PROJ's preferred
/// operation for EPSG:4326 → EPSG:28992, and the RDNAPTRANS™ grid where PROJ has it) on points spread over the
/// country: one at a random place inside each of a random sample of municipalities, seeded. Reports the max, mean
/// and 95th percentile of the distance in metres, both ways.
///   dotnet run -c Release --project bench/DataHub.Bench -- rd-accuracy [--points 1000]
/// </summary>
public static class RdAccuracyBench
{
    public static async Task<int> RunAsync(int count)
    {
        var random = new Random(28992);
        var municipalities = AreaCatalogue.Instance.Municipalities;
        var points = new List<(double Lon, double Lat)>(count);
        while (points.Count < count)
        {
            var m = municipalities[random.Next(municipalities.Count)].Boundary;
            var e = m.EnvelopeInternal;
            var p = new Point(e.MinX + random.NextDouble() * e.Width, e.MinY + random.NextDouble() * e.Height);
            if (m.Contains(p)) points.Add((p.X, p.Y));
        }
        Console.WriteLine($"{count:N0} points in {municipalities.Count} municipalities; PROJ's operations for EPSG:4326 → EPSG:28992 here:");
        Console.WriteLine("  " + string.Join("\n  ", (await RunAsync("projinfo", ["-s", "EPSG:4326", "-t", "EPSG:28992", "--spatial-test", "intersects", "--summary"], ""))
            .Split('\n').Where(l => l.Contains("Amersfoort", StringComparison.Ordinal)).Take(4)));
        var grid = File.Exists("/usr/share/proj/nl_nsgi_rdtrans2018.tif") || Directory.EnumerateFiles("/usr/share/proj", "nl_nsgi*").Any();
        Console.WriteLine(grid ? "the RDNAPTRANS grid (nl_nsgi_rdtrans2018) is installed: PROJ uses it" : "the RDNAPTRANS grid (nl_nsgi_rdtrans2018) is not in Debian's proj-data: PROJ uses its Helmert operation");

        // Forward: WGS 84 lon/lat → RD New.
        var input = string.Join('\n', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Lon:R} {p.Lat:R}"))) + "\n";
        var gdalRd = Parse(await RunAsync("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:28992", "-output_xy"], input));
        var forward = points.Select((p, i) =>
        {
            var (x, y) = CrsTransform.FromCrs84(Crs.RdNew, p.Lon, p.Lat);
            return Math.Sqrt(Math.Pow(x - gdalRd[i].A, 2) + Math.Pow(y - gdalRd[i].B, 2));
        }).ToList();
        // Back: RD New → WGS 84, from GDAL's RD points; the difference as a distance on the ground (metres).
        var rdInput = string.Join('\n', gdalRd.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.A:R} {p.B:R}"))) + "\n";
        var gdalBack = Parse(await RunAsync("gdaltransform", ["-s_srs", "EPSG:28992", "-t_srs", "EPSG:4326", "-output_xy"], rdInput));
        var back = gdalRd.Select((p, i) =>
        {
            var (lon, lat) = CrsTransform.ToCrs84(Crs.RdNew, p.A, p.B);
            var dx = (lon - gdalBack[i].A) * 111_320 * Math.Cos(lat * Math.PI / 180);
            var dy = (lat - gdalBack[i].B) * 110_574;
            return Math.Sqrt(dx * dx + dy * dy);
        }).ToList();
        // The hub's own round trip: CRS84 → RD → CRS84.
        var roundTrip = points.Select(p =>
        {
            var (x, y) = CrsTransform.FromCrs84(Crs.RdNew, p.Lon, p.Lat);
            var (lon, lat) = CrsTransform.ToCrs84(Crs.RdNew, x, y);
            return Math.Sqrt(Math.Pow((lon - p.Lon) * 111_320 * Math.Cos(lat * Math.PI / 180), 2) + Math.Pow((lat - p.Lat) * 110_574, 2));
        }).ToList();
        Console.WriteLine("| comparison | max m | mean m | p95 m |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("hub vs PROJ, WGS 84 → RD New", forward);
        Row("hub vs PROJ, RD New → WGS 84", back);
        Row("hub round trip WGS 84 → RD → WGS 84", roundTrip);
        return 0;
    }

    private static void Row(string what, List<double> metres)
    {
        var sorted = metres.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {sorted[^1]:0.000} | {sorted.Average():0.000} | {sorted[(int)(sorted.Count * 0.95)]:0.000} |"));
    }

    private static List<(double A, double B)> Parse(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
    {
        var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    })];

    private static async Task<string> RunAsync(string tool, string[] args, string input)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool}: {await process.StandardError.ReadToEndAsync()}");
        return await output;
    }
}
