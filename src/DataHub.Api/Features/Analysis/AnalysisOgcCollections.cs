using System.Globalization;
using DataHub.Api.Features.Ogc;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// Capacity against load per energy area, year, scenario and direction, as an OGC API – Features collection over
/// <see cref="GridAnalysisReads.AreaLoadsAsync"/> (disclosure control as in GET /area-loads): one feature per area ×
/// year × scenario × direction, with the area's boundary, so a GIS user maps the headroom of 2031 with
/// <c>year=2031</c> (or <c>datetime=2031-01-01</c>). Years 2025–2040 unless asked otherwise.
/// </summary>
public sealed class AreaCapacityOgcCollection(GridAnalysisReads reads) : IOgcCollection
{
    public string Id => "area-capacity";
    public string Title => "Capaciteit per jaar";
    public string Description => "Per energy area, year, scenario and direction (offtake = afname, feedIn = invoeding): the peak load of the developments, the available capacity and the headroom (capacity − load; negative: short).";
    public string GeometryType => "polygon";
    public string? Temporal => "the year of the figures";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("operator", "string", "grid operator code", Filterable: true),
        new("shortCode", "string", "the operator's short code of the area", Filterable: true),
        new("year", "integer", $"the year ({AnalysisWindow.DefaultFrom}–{AnalysisWindow.DefaultTo} unless datetime asks for others)", Filterable: true),
        new("scenario", "string", "committed, expected or ambition", Filterable: true),
        new("direction", "string", "offtake (afname) or feedIn (invoeding)", Filterable: true),
        new("loadMw", "number", "peak load of the developments (MW)", Filterable: true),
        new("capacityMw", "number", "available capacity (MW); empty when the operator states none", Filterable: true),
        new("headroomMw", "number", "capacity − load (MW); negative: a shortfall", Filterable: true),
        new("short", "boolean", "whether the load exceeds the capacity", Filterable: true),
        new("aggregateOnlyWithheldBecause", "string", "why developments the caller may count only in totals are left out (disclosure control)"),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var (window, years, invalid) = OgcAnalysisWindow.Read(query);
        if (invalid is not null) return invalid.Problem;
        var model = await reads.ModelAsync(null, ct);
        var result = await reads.AreaLoadsAsync(scope, window!, AreaSelection.All, contributions: false, null, ct, model);
        var features = new List<OgcFeature>();
        foreach (var item in result.Items)
        {
            var index = model.Grid.IndexOf(item.Area.Id);
            var boundary = index < 0 ? null : model.Grid.Areas[index].Boundary;
            foreach (var (direction, load, capacity) in new[] { (GridAnalysis.Offtake, item.PeakOfftakeMw, item.AvailableOfftakeMw), (GridAnalysis.FeedIn, item.PeakFeedInMw, item.AvailableFeedInMw) })
            {
                var feature = new OgcFeature($"{item.Area.Id}:{item.Year}:{item.Scenario}:{direction}", boundary,
                    new Dictionary<string, object?>
                    {
                        ["operator"] = item.Area.Operator, ["shortCode"] = item.Area.ShortCode, ["year"] = item.Year, ["scenario"] = item.Scenario, ["direction"] = direction,
                        ["loadMw"] = Math.Round(load, 3), ["capacityMw"] = capacity, ["headroomMw"] = capacity is { } c ? Math.Round(c - load, 3) : null,
                        ["short"] = capacity is { } cap && load > cap, ["aggregateOnlyWithheldBecause"] = item.AggregateOnlyWithheldBecause,
                    });
                if ((years is null || years.Contains(item.Year)) && OgcListPaging.Matches(feature, query)) features.Add(feature);
            }
        }
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct)
    {
        var parts = id.Split(':');
        if (parts.Length != 4 || !Guid.TryParse(parts[0], out _) || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)) return null;
        var page = await ItemsAsync(scope, new OgcItemsQuery
        {
            ResponseCrs = crs, Limit = OgcItemsQuery.MaxLimit,
            PropertyEquals = new Dictionary<string, string[]> { ["year"] = [parts[1]], ["scenario"] = [parts[2]], ["direction"] = [parts[3]] },
        }, ct);
        return year is < CodeLists.MinYear or > CodeLists.MaxYear ? null : page.Value?.Features.FirstOrDefault(f => f.Id == id);
    }
}

/// <summary>
/// Bottlenecks as an OGC API – Features collection over <see cref="GridAnalysisReads.BottlenecksAsync"/>: one feature
/// per energy area × direction × scenario that runs short, with the area's boundary, its first year short and the
/// largest shortfall; the shortfall per year and the relieving works as JSON text.
/// </summary>
public sealed class BottleneckOgcCollection(GridAnalysisReads reads) : IOgcCollection
{
    public string Id => "bottlenecks";
    public string Title => "Knelpunten";
    public string Description => "Energy areas where the load of the developments exceeds the capacity: per direction and scenario, the first year short, the largest shortfall and the works that relieve it (years 2025–2040).";
    public string GeometryType => "polygon";
    public string? Temporal => null;

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("operator", "string", "grid operator code", Filterable: true),
        new("shortCode", "string", "the operator's short code of the area", Filterable: true),
        new("direction", "string", "offtake or feedIn", Filterable: true),
        new("scenario", "string", "committed, expected or ambition", Filterable: true),
        new("firstYear", "integer", "the first year the load exceeds the capacity", Filterable: true),
        new("maxShortfallMw", "number", "the largest shortfall in the years (MW)", Filterable: true),
        new("shortfall", "string", "the shortfall per year as JSON: [{year, shortfallMw}]"),
        new("causedByCount", "integer", "developments the caller sees in detail that load the area in the first year short", Filterable: true),
        new("works", "string", "the works that relieve it as JSON: [{projectName, description, completionYear, inTime}]"),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var (window, _) = AnalysisWindow.Read(null, null, (int?)null, null);
        var model = await reads.ModelAsync(null, ct);
        var result = await reads.BottlenecksAsync(scope, window!, AreaSelection.All, null, ct, model);
        var features = new List<OgcFeature>();
        foreach (var b in result.Items)
        {
            var index = model.Grid.IndexOf(b.Area.Id);
            var boundary = index < 0 ? null : model.Grid.Areas[index].Boundary;
            var feature = new OgcFeature($"{b.Area.Id}:{b.Direction}:{b.Scenario}", boundary,
                new Dictionary<string, object?>
                {
                    ["operator"] = b.Area.Operator, ["shortCode"] = b.Area.ShortCode, ["direction"] = b.Direction, ["scenario"] = b.Scenario, ["firstYear"] = b.FirstYear,
                    ["maxShortfallMw"] = b.Shortfall.Count == 0 ? 0 : Math.Round(b.Shortfall.Max(x => x.ShortfallMw), 3),
                    ["shortfall"] = JsonSerializer.Serialize(b.Shortfall, GeoJson.Options), ["causedByCount"] = b.CausedBy.Count,
                    ["works"] = JsonSerializer.Serialize(b.Works, GeoJson.Options),
                });
            if (OgcListPaging.Matches(feature, query)) features.Add(feature);
        }
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct) =>
        (await ItemsAsync(scope, new OgcItemsQuery { ResponseCrs = crs, Limit = OgcItemsQuery.MaxLimit }, ct)).Value?.Features.FirstOrDefault(f => f.Id == id);
}

/// <summary>
/// Load per municipality, RES region or province as an OGC API – Features collection, over
/// <see cref="GridAnalysisReads.DevelopmentLoadsAsync"/> (disclosure control as in GET /development-loads): one feature
/// per area × year × scenario × carrier × sector, with the area's CBS boundary. <c>level</c> picks the kind of area
/// (municipality unless asked), <c>year</c> or <c>datetime</c> the years (2025–2040 unless asked).
/// </summary>
public sealed class AdminAreaLoadOgcCollection(GridAnalysisReads reads) : IOgcCollection
{
    public string Id => "area-loads";
    public string Title => "Belasting per gemeente, RES-regio en provincie";
    public string Description => "The peak load and energy of the developments per municipality, RES region or province, year, scenario, carrier and sector; cells under disclosure control are marked, not zeroed.";
    public string GeometryType => "multipolygon";
    public string? Temporal => "the year of the figures";

    public IReadOnlyList<OgcProperty> Properties { get; } =
    [
        new("level", "string", "municipality (default), resRegion or province", Filterable: true),
        new("area", "string", "CBS code of the area (GM…, ES…, PV…)", Filterable: true),
        new("areaName", "string", "the area's name", Filterable: true),
        new("year", "integer", $"the year ({AnalysisWindow.DefaultFrom}–{AnalysisWindow.DefaultTo} unless datetime asks for others)", Filterable: true),
        new("scenario", "string", "committed, expected or ambition", Filterable: true),
        new("carrier", "string", "energy carrier", Filterable: true),
        new("sector", "string", "sector", Filterable: true),
        new("peakOfftakeMw", "number", "peak offtake (MW); empty when suppressed", Filterable: true),
        new("peakFeedInMw", "number", "peak feed-in (MW); empty when suppressed", Filterable: true),
        new("annualEnergyMwh", "number", "energy per year (MWh); empty when suppressed", Filterable: true),
        new("developments", "integer", "developments counted; empty when suppressed", Filterable: true),
        new("suppressed", "boolean", "whether disclosure control withholds the figures", Filterable: true),
        new("suppressedBecause", "string", "why they are withheld"),
    ];

    public async Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct)
    {
        var levels = query.PropertyEquals.TryGetValue("level", out var l) ? l : ["municipality"];
        if (levels.Length != 1 || levels[0] is not ("municipality" or "resRegion" or "province"))
            return Problems.Validation([new FieldError("", "unknownCode", "level is one of municipality, resRegion, province (one at a time)") { Parameter = "level" }]);
        var (window, years, invalid) = OgcAnalysisWindow.Read(query);
        if (invalid is not null) return invalid.Problem;
        var areas = query.PropertyEquals.TryGetValue("area", out var a) ? a : null;
        if ((await reads.DevelopmentLoadsAsync(scope, levels[0], window!, areas, null, ct)).Failed(out var problem, out var result)) return problem.Problem;
        var features = new List<OgcFeature>();
        foreach (var item in result.Items)
        {
            if (years is not null && !years.Contains(item.Year)) continue;
            var info = AreaCatalogue.Instance.ByCode.GetValueOrDefault(item.Area);
            var feature = new OgcFeature($"{levels[0]}:{item.Area}:{item.Year}:{item.Scenario}:{item.Carrier}:{item.Sector}",
                info?.Boundary,
                new Dictionary<string, object?>
                {
                    ["level"] = levels[0], ["area"] = item.Area, ["areaName"] = info?.Name, ["year"] = item.Year, ["scenario"] = item.Scenario,
                    ["carrier"] = item.Carrier, ["sector"] = item.Sector, ["peakOfftakeMw"] = item.PeakOfftakeMw, ["peakFeedInMw"] = item.PeakFeedInMw,
                    ["annualEnergyMwh"] = item.AnnualEnergyMwh, ["developments"] = item.Developments, ["suppressed"] = item.Suppressed,
                    ["suppressedBecause"] = item.SuppressedBecause,
                });
            if (OgcListPaging.Matches(feature, query)) features.Add(feature);
        }
        return OgcListPaging.Page(features, query);
    }

    public async Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct)
    {
        var parts = id.Split(':');
        if (parts.Length != 6) return null;
        var page = await ItemsAsync(scope, new OgcItemsQuery
        {
            ResponseCrs = crs, Limit = OgcItemsQuery.MaxLimit,
            PropertyEquals = new Dictionary<string, string[]> { ["level"] = [parts[0]], ["area"] = [parts[1]], ["year"] = [parts[2]], ["scenario"] = [parts[3]] },
        }, ct);
        return page.Value?.Features.FirstOrDefault(f => f.Id == id);
    }
}

/// <summary>
/// The analysis window of an OGC request on the analysis collections: the years from <c>year</c> (any of a list) or
/// <c>datetime</c> (2025–2040 when neither), the scenarios from <c>scenario</c>; bad values named by OGC's parameters.
/// </summary>
internal static class OgcAnalysisWindow
{
    public static (AnalysisWindow? Window, List<int>? Years, ProblemResult? Problem) Read(OgcItemsQuery query)
    {
        var years = query.PropertyEquals.TryGetValue("year", out var y) ? y.Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList() : null;
        if (years?.Any(n => n < CodeLists.MinYear || n > CodeLists.MaxYear) == true)
            return (null, null, Problems.Validation([new FieldError("", "outOfRange", $"year is a whole number from {CodeLists.MinYear} to {CodeLists.MaxYear}") { Parameter = "year" }]));
        var from = years?.Min() ?? query.From?.Year ?? AnalysisWindow.DefaultFrom;
        var to = years?.Max() ?? query.To?.Year ?? (query.From is null ? AnalysisWindow.DefaultTo : Math.Max(from, AnalysisWindow.DefaultTo));
        var (window, errors) = AnalysisWindow.Read(null, query.PropertyEquals.TryGetValue("scenario", out var s) ? string.Join(",", s) : null, from, to);
        return window is null
            ? (null, null, Problems.Validation([.. errors.Select(e => e with { Parameter = e.Parameter is "fromYear" or "toYear" ? "datetime" : e.Parameter })]))
            : (window, years, null);
    }
}
