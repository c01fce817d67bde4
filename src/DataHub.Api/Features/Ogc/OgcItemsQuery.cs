using System.Globalization;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// An items request of OGC API – Features (Part 1 Core, Part 2 CRS), read from the query string with OGC's own
/// parameter names: <c>limit</c> (clamped to <see cref="MaxLimit"/>, never refused for being large), <c>bbox</c> and
/// <c>bbox-crs</c>, <c>datetime</c> (an instant or an interval, open ends as <c>..</c>), <c>crs</c>, <c>cursor</c> (from
/// a next link), <c>f</c> (json or html), a <c>name=value</c> equality filter per queryable (comma-separated values:
/// any of them), and a CQL2 <c>filter</c> (Part 3) with <c>filter-lang</c> and <c>filter-crs</c>. Any other parameter
/// is an error naming it: a typo must not widen a GIS layer silently.
/// </summary>
public sealed record OgcItemsQuery
{
    public const int DefaultLimit = 100;
    /// <summary>The largest page (GDAL pages at up to 1,000 unless the API declares more; QGIS asks for what it is told).</summary>
    public const int MaxLimit = 10_000;

    public int Limit { get; init; } = DefaultLimit;
    /// <summary>The box in CRS84.</summary>
    public Envelope? Bbox { get; init; }
    public Crs ResponseCrs { get; init; } = Crs.Crs84;
    /// <summary>The interval asked for (both ends inclusive; null: open).</summary>
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public bool HasDatetime => From is not null || To is not null;
    public string? Cursor { get; init; }
    /// <summary>OgcProperty → the values any of which it must equal, as given (for reads that take them directly).</summary>
    public IReadOnlyDictionary<string, string[]> PropertyEquals { get; init; } = new Dictionary<string, string[]>();
    /// <summary>The same <c>name=value</c> filters as typed CQL2 (<c>name = a OR name = b</c>), by property.</summary>
    public IReadOnlyDictionary<string, Cql2Node> PropertyFilters { get; init; } = new Dictionary<string, Cql2Node>();
    /// <summary>The <c>filter</c> parameter, parsed and checked against the queryables.</summary>
    public Cql2Node? Cql { get; init; }
    /// <summary>Everything a feature must pass besides the box and datetime: the name=value filters and the CQL2 filter.</summary>
    public Cql2Node? Filter => FilterExcept();

    /// <summary>The filter without the name=value filters a read already applied itself (<paramref name="applied"/>).</summary>
    public Cql2Node? FilterExcept(params string[] applied) =>
        Cql2.All([.. PropertyFilters.Where(p => Array.IndexOf(applied, p.Key) < 0).Select(p => p.Value), Cql]);
    public bool Html => Format == "html";
    /// <summary>The <c>f</c> asked for: json (geojson) or html for items; geojson, csv or gpkg for an export.</summary>
    public string Format { get; init; } = "json";
    /// <summary>For a CSV export: the geometry as <c>wkt</c> (default) or as an <c>xy</c> point (a polygon's interior point).</summary>
    public string Coordinates { get; init; } = "wkt";

    private static readonly string[] Known = ["limit", "bbox", "bbox-crs", "datetime", "crs", "cursor", "f", "filter", "filter-lang", "filter-crs"];
    private static readonly string[] ItemFormats = ["json", "geojson", "html"];
    private static readonly string[] ExportKnown = ["bbox", "bbox-crs", "datetime", "crs", "f", "coordinates", "filter", "filter-lang", "filter-crs"];
    public static readonly string[] ExportFormats = ["geojson", "csv", "gpkg"];

    /// <summary>Reads the query; every bad parameter is an error naming it.</summary>
    public static (OgcItemsQuery? Query, List<FieldError> Errors) Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query,
        IReadOnlyList<OgcProperty> properties, bool export = false)
    {
        var filterable = properties.Where(p => p.Filterable).ToList();
        var queryables = filterable.Select(p => p.Name).ToList();
        var known = export ? ExportKnown : Known;
        var formats = export ? ExportFormats : ItemFormats;
        var errors = new List<FieldError>();
        void Error(string parameter, string code, string message) => errors.Add(new FieldError("", code, message) { Parameter = parameter });
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var equals = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (value.Count > 1) { Error(name, "repeated", $"{name} is given more than once"); continue; }
            if (Array.IndexOf(known, name) >= 0) values[name] = value.ToString();
            else if (queryables.Contains(name))
                equals[name] = value.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            else
                Error(name, "unknownParameter", $"{name} is not a parameter of this collection's {(export ? "export" : "items")}; use {string.Join(", ", known)} or a queryable ({string.Join(", ", queryables)})");
        }

        var limit = DefaultLimit;
        if (values.TryGetValue("limit", out var l))
        {
            if (!int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1)
                Error("limit", "outOfRange", $"limit is a whole number of at least 1 (at most {MaxLimit} are returned)");
            limit = Math.Min(Math.Max(limit, 1), MaxLimit);
        }

        var crs = Crs.Crs84;
        if (values.TryGetValue("crs", out var c) && (Crs.Parse(c) is not { } parsedCrs ? (Crs?)null : crs = parsedCrs) is null)
            Error("crs", "unknownCrs", $"crs '{c}' is not offered; use one of {Crs.SupportedList}");
        var bboxCrs = Crs.Crs84;
        if (values.TryGetValue("bbox-crs", out var bc) && (Crs.Parse(bc) is not { } parsedBboxCrs ? (Crs?)null : bboxCrs = parsedBboxCrs) is null)
            Error("bbox-crs", "unknownCrs", $"bbox-crs '{bc}' is not offered; use one of {Crs.SupportedList}");

        Envelope? bbox = null;
        if (values.TryGetValue("bbox", out var b))
        {
            var n = b.Split(',').Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null).ToArray();
            if (n.Length is not (4 or 6) || n.Any(x => x is null))
                Error("bbox", "invalidFormat", "bbox is four numbers: minX,minY,maxX,maxY in bbox-crs (CRS84: lon,lat)");
            else
            {
                // Six numbers carry heights, which the hub's data has none of: the plane box of their corners.
                var (x1, y1, x2, y2) = n.Length == 4 ? (n[0]!.Value, n[1]!.Value, n[2]!.Value, n[3]!.Value) : (n[0]!.Value, n[1]!.Value, n[3]!.Value, n[4]!.Value);
                // CRS84 boxes may cross the antimeridian (minX > maxX); none crosses the Netherlands, so only the y order is checked there.
                if (y1 > y2 || (x1 > x2 && !ReferenceEquals(bboxCrs, Crs.Crs84)))
                    Error("bbox", "invalidRange", "bbox lists the lower-left corner before the upper-right one");
                else
                {
                    // In the CRS's own axis order (Part 2): an EPSG:4258 box is lat,lon, which BoxToCrs84 reads as such.
                    bbox = x1 > x2 ? new Envelope(-180, 180, y1, y2) : Developments.DevelopmentFilter.BoxToCrs84(bboxCrs, x1, y1, x2, y2);
                }
            }
        }

        DateTime? from = null, to = null;
        if (values.TryGetValue("datetime", out var dt))
        {
            var parts = dt.Split('/');
            DateTime? End(string part, bool isEnd)
            {
                if (part is ".." or "") return null;
                if (DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t.UtcDateTime;
                if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return (isEnd ? d.ToDateTime(new TimeOnly(23, 59, 59)) : d.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
                Error("datetime", "invalidFormat", "datetime is an RFC 3339 date-time or date, or an interval of two, either end open as '..' (e.g. 2030-01-01/..)");
                return null;
            }
            if (parts.Length == 1 && parts[0] != "..") from = to = End(parts[0], false) is { } instant ? instant : null;
            else if (parts.Length == 2 && !(parts[0] is ".." or "" && parts[1] is ".." or ""))
            {
                from = End(parts[0], false);
                to = End(parts[1], true);
                if (from > to) Error("datetime", "invalidRange", "datetime's interval starts after it ends");
            }
            else Error("datetime", "invalidFormat", "datetime is an instant or an interval start/end with at most one end open ('..')");
        }

        var format = export ? "geojson" : "json";
        if (values.TryGetValue("f", out var f))
        {
            if (Array.IndexOf(formats, f) >= 0) format = f;
            else Error("f", "unknownCode", $"f is one of {string.Join(", ", formats)}");
        }
        var coordinates = "wkt";
        if (values.TryGetValue("coordinates", out var co))
        {
            if (co is "wkt" or "xy") coordinates = co;
            else Error("coordinates", "unknownCode", "coordinates is wkt (the geometry as WKT) or xy (a point: x and y columns)");
        }
        var propertyFilters = new Dictionary<string, Cql2Node>(StringComparer.Ordinal);
        foreach (var (name, given) in equals)
        {
            // The same checks as CQL2's: `year=abc` is an error, not an empty answer.
            var text = string.Join(" OR ", given.Select(v => $"\"{name}\" = {Literal(filterable.First(p => p.Name == name), v)}"));
            var (node, error) = given.Length == 0 ? (null, $"{name} needs a value") : Cql2Parser.Parse(text, filterable, Crs.Crs84);
            if (node is not null) propertyFilters[name] = node;
            else Error(name, "invalidValue", $"{name}: {error?.Split(" (at character")[0]}");
        }

        Cql2Node? cql = null;
        var languageKnown = !values.TryGetValue("filter-lang", out var lang) || Array.IndexOf(Cql2.Languages, lang) >= 0;
        if (!languageKnown) Error("filter-lang", "unknownCode", $"filter-lang '{lang}' is not supported; use cql2-text (or cql-text, its draft name)");
        var filterCrs = Crs.Crs84;
        if (values.TryGetValue("filter-crs", out var fc) && (Crs.Parse(fc) is not { } parsedFilterCrs ? (Crs?)null : filterCrs = parsedFilterCrs) is null)
            Error("filter-crs", "unknownCrs", $"filter-crs '{fc}' is not offered; use one of {Crs.SupportedList}");
        if (languageKnown && values.TryGetValue("filter", out var filterText) && !string.IsNullOrWhiteSpace(filterText))
        {
            var (node, error) = Cql2Parser.Parse(filterText, filterable, filterCrs);
            if (node is null) Error("filter", "invalidFilter", error!);
            cql = node;
        }

        var cursor = values.TryGetValue("cursor", out var cur) && cur.Length > 0 ? cur : null;
        return errors.Count > 0 ? (null, errors) : (new OgcItemsQuery
        {
            Limit = limit, Bbox = bbox, ResponseCrs = crs, From = from, To = to, Cursor = cursor, PropertyEquals = equals, Format = format, Coordinates = coordinates,
            PropertyFilters = propertyFilters, Cql = cql,
        }, errors);
    }

    /// <summary>A name=value value as the CQL2 literal of the property's type (text quoted; numbers, booleans and times as written).</summary>
    private static string Literal(OgcProperty property, string value) => property.Type switch
    {
        "integer" or "number" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => value,
        "integer" or "number" => $"'{value.Replace("'", "''")}'",
        "boolean" when value is "true" or "false" => value,
        _ => $"'{value.Replace("'", "''")}'",
    };
}
