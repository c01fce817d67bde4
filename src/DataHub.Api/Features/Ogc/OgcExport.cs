using System.Globalization;
using CsvHelper;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A whole query of a collection as a file: GeoJSON, CSV or GeoPackage, with its media type and a file name. The
/// features come a page at a time from the collection's read (the access policy and audit apply per page) and are
/// written as they come, so a national export does not sit in memory: GeoJSON and CSV stream to the response, a
/// GeoPackage (an SQLite file) is written to a temporary file first and then sent. Coordinates in files are
/// x = easting or longitude, y = northing or latitude, whatever the CRS's axis order.
/// </summary>
public sealed class OgcExport(IOgcCollection collection, AccessScope scope, OgcItemsQuery query, OgcPage first, DateTime now) : IResult
{
    /// <summary>Features per read: large pages, few round trips, bounded memory.</summary>
    public const int PageSize = 5_000;

    public static string MediaType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "gpkg" => "application/geopackage+sqlite3",
        _ => GeoJson.MediaType,
    };

    public string FileName => $"{collection.Id}-{now:yyyyMMdd-HHmm}.{query.Format switch { "csv" => "csv", "gpkg" => "gpkg", _ => "geojson" }}";

    /// <summary>
    /// The read of an export's pages: <see cref="PageSize"/> at a time, in the file's CRS numbers (ETRS89 is written
    /// with CRS84's numbers, treated as equal, in x/y order, and labelled EPSG:4258). The endpoint reads the first page
    /// with it before the answer begins (a bad query is still a 400) and hands it over, so no page is read twice.
    /// </summary>
    public static OgcItemsQuery Read(OgcItemsQuery query) =>
        query with { Limit = PageSize, Cursor = null, ResponseCrs = query.ResponseCrs.IsRdNew ? Crs.RdNew : Crs.Crs84 };

    /// <summary>The features of the whole query, page after page: the first as read by the endpoint, then the rest.</summary>
    private async IAsyncEnumerable<IReadOnlyList<OgcFeature>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var page = first;
        var read = Read(query);
        while (true)
        {
            yield return page.Features;
            if (page.NextCursor is not { } next) yield break;
            read = read with { Cursor = next };
            if ((await collection.ItemsAsync(scope, read, ct)).Failed(out var problem, out page))
                throw new InvalidOperationException(problem.Problem.Detail); // the query was checked with the first page
        }
    }

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = MediaType(query.Format);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        http.Response.Headers["Content-Crs"] = $"<{query.ResponseCrs.Uri}>";
        switch (query.Format)
        {
            case "csv": await CsvAsync(http.Response.Body, ct); break;
            case "gpkg": await GeoPackageAsync(http, ct); break;
            default: await GeoJsonAsync(http.Response.BodyWriter.AsStream(), ct); break; // the pipe takes the serializer's synchronous flushes
        }
    }

    private async Task GeoJsonAsync(Stream body, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = GeoJson.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteString("timeStamp", now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteStartArray("features");
        await foreach (var page in PagesAsync(ct))
        {
            foreach (var feature in page) OgcItemsResult.WriteFeature(json, feature, null);
            await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    /// <summary>
    /// CSV with a header row: id, the collection's properties, then the geometry (wkt, or x and y). Text a
    /// spreadsheet would run as a formula is escaped with a leading apostrophe (CsvHelper's injection guard).
    /// </summary>
    private async Task CsvAsync(Stream body, CancellationToken ct)
    {
        await using var text = new StreamWriter(body, new System.Text.UTF8Encoding(false), 65_536, leaveOpen: true);
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            var columns = collection.Properties.Select(p => p.Name).ToList();
            csv.WriteRecord([.. new[] { "id" }, .. columns, .. query.Coordinates == "xy" ? new[] { "x", "y" } : ["wkt"]]);
            await foreach (var page in PagesAsync(ct))
            {
                foreach (var f in page)
                {
                    var point = f.Geometry is { IsEmpty: false } g ? (g is Point p ? p : g.InteriorPoint) : null;
                    csv.WriteRecord([f.Id, .. columns.Select(c => Text(f.Properties.GetValueOrDefault(c))),
                        .. query.Coordinates == "xy" ? new[] { Text(point?.X), Text(point?.Y) } : [f.Geometry?.AsText()]]);
                }
                await text.FlushAsync(ct);
            }
        }
        await text.FlushAsync(ct);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private async Task GeoPackageAsync(HttpContext http, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"datahub-export-{Guid.NewGuid():N}.gpkg");
        try
        {
            await using (var gpkg = await OgcGeoPackage.CreateAsync(path, collection, query.ResponseCrs, ct))
            {
                await foreach (var page in PagesAsync(ct))
                    foreach (var f in page) gpkg.Add(f);
                await gpkg.CompleteAsync(collection.Title, collection.Description, ct);
            }
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65_536, FileOptions.Asynchronous);
            http.Response.ContentLength = file.Length;
            await file.CopyToAsync(http.Response.Body, ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
