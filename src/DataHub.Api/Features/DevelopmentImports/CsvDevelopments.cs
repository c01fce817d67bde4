using System.Globalization;
using CsvHelper;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>
/// Turns the CSV import format (api-docs/guide-bulk-import.md) into development Features, so that CSV and GeoJSON
/// go through the same validation. Geometry comes from a <c>wkt</c> column or <c>x</c>/<c>y</c> columns in the
/// CRS that Content-Crs states; year series are written as <c>2026:120;2028:300</c>.
/// </summary>
public static class CsvDevelopments
{
    private static readonly string[] Text = ["externalId", "name", "description", "planType", "plan", "sector", "kind", "assetType", "certainty", "visibility"];
    private static readonly string[] EnergyColumns = ["peakOfftakeMw", "peakFeedInMw", "annualEnergyMwh"];
    public static readonly string[] KnownColumns =
    [
        .. Text, "commissioningYear", "decommissioningYear", "carriers", "unit", "quantities", .. EnergyColumns, "energyCarrier",
        "licence", "attribution", "sourceUrl", "contactName", "contactEmail", "wkt", "x", "y",
    ];

    public sealed record Row(int Number, JsonDocument? Feature, List<FieldError> Errors);

    /// <summary>Reads every data row (row 1 is the header) as the stream is read, one row at a time. Header problems are
    /// reported at row 1. The separator (comma, semicolon or tab, as Dutch spreadsheets write them) is detected by CsvHelper.</summary>
    public static IEnumerable<Row> Read(Stream csv)
    {
        using var reader = CsvReader.Create(csv, new CsvReaderOptions { TrimWhitespace = true, HasHeader = true }, leaveOpen: true);
        reader.ReadHeader();
        if (reader.Headers.Count == 0)
        {
            yield return new Row(1, null, [new FieldError("", "emptyCsv", "the CSV has no header row") { Row = 1 }]);
            yield break;
        }
        var header = reader.Headers.ToArray();
        var headerErrors = new List<FieldError>();
        foreach (var unknown in header.Where(h => Array.IndexOf(KnownColumns, h) < 0))
            headerErrors.Add(new FieldError("", "unknownColumn", $"column '{unknown}' is not part of the CSV format") { Row = 1, Column = unknown });
        var hasWkt = header.Contains("wkt");
        if (!hasWkt && !(header.Contains("x") && header.Contains("y")))
            headerErrors.Add(new FieldError("", "missingGeometry", "the CSV needs a wkt column or x and y columns") { Row = 1 });
        if (headerErrors.Count > 0)
        {
            yield return new Row(1, null, headerErrors);
            yield break;
        }

        while (reader.Read())
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) values[header[i]] = i < reader.FieldCount ? reader.GetString(i) : "";
            yield return ToFeature((int)reader.RowNumber + 1, values, hasWkt);
        }
    }

    /// <summary>A row as a development Feature; <paramref name="quantitiesJson"/>: the quantities as a JSON array (a GeoPackage export's column) instead of the series text.</summary>
    internal static Row ToFeature(int row, Dictionary<string, string> v, bool hasWkt, JsonElement? quantitiesJson = null)
    {
        var errors = new List<FieldError>();
        void Error(string column, string code, string message) => errors.Add(new FieldError("", code, message) { Row = row, Column = column });
        string Get(string c) => v.TryGetValue(c, out var s) ? s : "";

        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("geometry");
            if (!WriteGeometry(w, hasWkt, Get("wkt"), Get("x"), Get("y"), Error)) w.WriteNullValue();
            w.WriteStartObject("properties");
            foreach (var c in Text)
                if (Get(c) is { Length: > 0 } s) w.WriteString(c, s);
            foreach (var c in new[] { "commissioningYear", "decommissioningYear" })
                if (Get(c) is { Length: > 0 } s) WriteNumberOrString(w, c, s);
            if (Get("carriers") is { Length: > 0 } carriers)
            {
                w.WriteStartArray("carriers");
                foreach (var c in carriers.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) w.WriteStringValue(c);
                w.WriteEndArray();
            }
            if (quantitiesJson is { } json)
            {
                w.WritePropertyName("quantities");
                json.WriteTo(w); // read by the shared validator as any Feature's quantities
            }
            else
            {
                w.WriteStartArray("quantities");
                foreach (var (year, value) in Series(Get("quantities"), "quantities", Error))
                {
                    w.WriteStartObject();
                    w.WriteNumber("year", year);
                    w.WriteNumber("value", value);
                    w.WriteString("unit", Get("unit"));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            var energy = new SortedDictionary<int, Dictionary<string, double>>();
            foreach (var c in EnergyColumns)
                foreach (var (year, value) in Series(Get(c), c, Error))
                    (energy.TryGetValue(year, out var d) ? d : energy[year] = [])[c] = value;
            if (energy.Count > 0)
            {
                w.WriteStartArray("energy");
                foreach (var (year, values) in energy)
                {
                    w.WriteStartObject();
                    w.WriteNumber("year", year);
                    w.WriteString("carrier", Get("energyCarrier") is { Length: > 0 } ec ? ec : "electricity");
                    foreach (var (k, val) in values) w.WriteNumber(k, val);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (new[] { "licence", "attribution", "sourceUrl", "contactName", "contactEmail" }.Any(c => Get(c).Length > 0))
            {
                w.WriteStartObject("source");
                if (Get("licence") is { Length: > 0 } l) w.WriteString("licence", l);
                if (Get("attribution") is { Length: > 0 } a) w.WriteString("attribution", a);
                if (Get("sourceUrl") is { Length: > 0 } u) w.WriteString("url", u);
                if (Get("contactName").Length > 0 || Get("contactEmail").Length > 0)
                {
                    w.WriteStartObject("contact");
                    if (Get("contactName") is { Length: > 0 } n) w.WriteString("name", n);
                    if (Get("contactEmail") is { Length: > 0 } e) w.WriteString("email", e);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new Row(row, JsonDocument.Parse(buffer.ToArray()), errors);
    }

    private static void WriteNumberOrString(Utf8JsonWriter w, string name, string s)
    {
        // A non-numeric cell goes through as a string, so the shared validator reports it with its usual message.
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) w.WriteNumber(name, n);
        else w.WriteString(name, s);
    }

    /// <summary>Parses "2026:120;2028:300" into (year, value) pairs; bad parts are reported against the column.</summary>
    private static IEnumerable<(int Year, double Value)> Series(string text, string column, Action<string, string, string> error)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split(':', 2, StringSplitOptions.TrimEntries);
            if (kv.Length == 2 && int.TryParse(kv[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)
                && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                yield return (year, value);
            else
                error(column, "invalidSeries", $"'{part}' is not year:value (e.g. 2026:120;2028:300)");
        }
    }

    private static bool WriteGeometry(Utf8JsonWriter w, bool hasWkt, string wkt, string x, string y, Action<string, string, string> error)
    {
        Geometry geometry;
        if (hasWkt)
        {
            if (wkt.Length == 0) { error("wkt", "required", "wkt is empty"); return false; }
            try
            {
                geometry = new WKTReader { IsOldNtsCoordinateSyntaxAllowed = false }.Read(wkt);
            }
            catch (Exception e) when (e is ParseException or ArgumentException or FormatException)
            {
                error("wkt", "invalidWkt", $"not valid WKT: {e.Message}");
                return false;
            }
        }
        else
        {
            if (!double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var dx) ||
                !double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var dy))
            {
                error(x.Length == 0 || !double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "x" : "y",
                    "invalidNumber", "x and y must be numbers (decimal point, no thousands separator)");
                return false;
            }
            geometry = new Point(dx, dy);
        }
        // Coordinates are written as they are (in the stated CRS); the shared reader checks and transforms them.
        w.WriteStartObject();
        w.WriteString("type", geometry.GeometryType);
        w.WritePropertyName("coordinates");
        WriteCoordinates(w, geometry);
        w.WriteEndObject();
        return true;
    }

    private static void WriteCoordinates(Utf8JsonWriter w, Geometry g)
    {
        void Pos(Coordinate c) { w.WriteStartArray(); w.WriteNumberValue(c.X); w.WriteNumberValue(c.Y); w.WriteEndArray(); }
        void Seq(Coordinate[] cs) { w.WriteStartArray(); foreach (var c in cs) Pos(c); w.WriteEndArray(); }
        void Poly(Polygon p) { w.WriteStartArray(); Seq(p.ExteriorRing.Coordinates); foreach (var h in p.InteriorRings) Seq(h.Coordinates); w.WriteEndArray(); }
        switch (g)
        {
            case Point p: Pos(p.Coordinate); break;
            case LineString l: Seq(l.Coordinates); break;
            case Polygon p: Poly(p); break;
            case MultiPolygon mp: w.WriteStartArray(); foreach (var p in mp.Geometries.Cast<Polygon>()) Poly(p); w.WriteEndArray(); break;
            default: w.WriteStartArray(); w.WriteEndArray(); break;
        }
    }
}
