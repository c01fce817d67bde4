using System.Text.Json;
using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Http;
using DataHub.Api.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using DataHub.Api.Features.Aggregates;

namespace DataHub.Api.Features.Analysis;

public sealed record AreaRef(Guid Id, string Operator, string ShortCode);

/// <summary>
/// One area's load in a year under a scenario. <c>contributions</c> (when asked for) lists the developments the caller
/// sees in detail; <c>aggregateOnlyDevelopments</c> counts those it may count in totals only, which are in the
/// figures unless disclosure control left them out (<c>aggregateOnlyWithheldBecause</c>).
/// </summary>
public sealed record AreaLoadItem(AreaRef Area, int Year, string Scenario, double PeakOfftakeMw, double PeakFeedInMw, double AnnualEnergyMwh,
    double? AvailableOfftakeMw, double? AvailableFeedInMw, IReadOnlyDictionary<string, double> OfftakeBySector, IReadOnlyList<Contribution>? Contributions,
    int AggregateOnlyDevelopments, string? AggregateOnlyWithheldBecause);

public sealed record AreaLoadResult(string RuleSet, IReadOnlyList<AreaLoadItem> Items, int NumberReturned);

public sealed record AdminAreaLoadResult(string RuleSet, string Level, IReadOnlyList<AdminAreaLoad> Items, int NumberReturned);

public sealed record RelievingWork(string ProjectName, string? Description, int? CompletionYear, bool InTime);

public sealed record BottleneckItem(AreaRef Area, string Direction, string Scenario, int FirstYear, IReadOnlyList<Shortfall> Shortfall,
    IReadOnlyList<Guid> CausedBy, IReadOnlyList<RelievingWork> Works);

public sealed record BottleneckResult(string RuleSet, IReadOnlyList<BottleneckItem> Items, int NumberReturned);

/// <summary>
/// Load per energy area and the bottlenecks it causes, answered from the shared <see cref="GridModel"/> through the
/// caller's view: developments it sees in detail count (stated energy only where it has detail access), those it may
/// count in aggregates only count under disclosure control, the rest not at all.
/// </summary>
public static class GridAnalysisEndpoints
{
    public static RouteGroupBuilder MapGridAnalysis(this RouteGroupBuilder api)
    {
        api.MapGet("/area-loads", AreaLoads).WithTags("Analysis").WithName("listAreaLoads")
            .WithSummary("Electricity load per energy area × year × scenario against its capacity, with contributing developments")
            .WithQuery("operator", "grid operator code").WithQuery("area", "energy area short codes, comma-separated")
            .WithQuery("scenario", "committed, expected, ambition (comma-separated; all when absent)")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer).WithQuery("toYear", "last year (default 2040)", JsonSchemaType.Integer)
            .WithQuery("ruleSet", $"calculation rule set (default {RuleSetCatalogue.DefaultId})")
            .WithQuery("contributions", "true to list the contributing developments per area, year and scenario", JsonSchemaType.Boolean)
            .WithQuery("asOf", "the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339", JsonSchemaType.String, "date-time")
            .Produces<AreaLoadResult>().WithProblems(400);
        api.MapGet("/development-loads", DevelopmentLoads).WithTags("Analysis").WithName("listDevelopmentLoads")
            .WithSummary("Load per municipality, RES region, province or NL × year × scenario × carrier × sector, with disclosure control")
            .WithQuery("level", "municipality, resRegion, province (default) or national")
            .WithQuery("area", "area codes at that level, comma-separated")
            .WithQuery("scenario", "committed, expected, ambition (comma-separated; all when absent)")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer).WithQuery("toYear", "last year (default 2040)", JsonSchemaType.Integer)
            .WithQuery("ruleSet", $"calculation rule set (default {RuleSetCatalogue.DefaultId})")
            .WithQuery("asOf", "the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339", JsonSchemaType.String, "date-time")
            .Produces<AdminAreaLoadResult>().WithProblems(400);
        api.MapGet("/bottlenecks", Bottlenecks).WithTags("Analysis").WithName("listBottlenecks")
            .WithSummary("Per energy area and direction: the first year load exceeds capacity, the shortfall, the causes and the relieving works")
            .WithQuery("operator", "grid operator code").WithQuery("area", "energy area short codes, comma-separated")
            .WithQuery("scenario", "committed, expected, ambition (comma-separated; all when absent)")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer).WithQuery("toYear", "last year (default 2040)", JsonSchemaType.Integer)
            .WithQuery("ruleSet", $"calculation rule set (default {RuleSetCatalogue.DefaultId})")
            .WithQuery("asOf", "the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339", JsonSchemaType.String, "date-time")
            .Produces<BottleneckResult>().WithProblems(400);
        return api;
    }

    public static async Task<IResult> DevelopmentLoads(HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var q = http.Request.Query;
        var level = q["level"].ToString() is { Length: > 0 } l ? l : "province";
        var (parameters, problem) = Parameters(q);
        if (Array.IndexOf(AreaLoadsByLevel.Levels, level) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"level is one of {string.Join(", ", AreaLoadsByLevel.Levels)}") { Parameter = "level" }]);
        if (problem is not null) return problem;
        var (asOf, asOfProblem) = RequestBody.AsOf(q);
        if (asOfProblem is not null) return asOfProblem;
        var (rules, scenarios, from, to) = parameters!.Value;
        var scope = await access.CurrentAsync(ct);
        // Every development the caller may count, everywhere: disclosure control needs the complete set of cells.
        var developments = (await db.DevelopmentVersions.AsNoTracking().LiveAt(asOf).Where(AccessPolicy.SeesAggregate(scope)).ToListAsync(ct))
            .Select(v => v.SeenAt(asOf)).ToList();
        await audit.ReadAsync(scope.Caller, developments, "development loads", ct);
        Func<DevelopmentVersion, bool> seesDetail = scope.SeesDetail;
        var located = developments.Select(v =>
        {
            var facts = AnalysisEndpoints.Facts(v);
            return new AreaLoadsByLevel.Located(scope.HasDetailAccess(v) ? facts : facts with { Energy = [] }, v.MunicipalityCode, v.ResRegionCode, v.ProvinceCode,
                AggregateOnly: !seesDetail(v));
        });
        var areas = q["area"].ToString() is { Length: > 0 } codes ? codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var items = AreaLoadsByLevel.Compute(located, level, rules, from, to, scenarios, options.Value.DisclosureControl, areas);
        return TypedResults.Ok(new AdminAreaLoadResult(rules.Id, level, items, items.Count));
    }

    public static async Task<IResult> AreaLoads(HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (run, problem) = await RunAsync(http, db, models, access, ct);
        if (problem is not null) return problem;
        var (model, view, areas, p) = run!.Value;
        var contributions = http.Request.Query["contributions"].ToString() is "true";
        var items = areas.SelectMany(a => model.Evaluate(a, view, p.RuleSet, p.From, p.To, p.Scenarios, contributions, options.Value.DisclosureControl))
            .Select(l => ToItem(model, l, contributions)).ToList();
        await audit.ReadAsync((await access.CurrentAsync(ct)).Caller, view.Counted.Select(d => d.AccessRow()), "area loads", ct);
        return TypedResults.Ok(new AreaLoadResult(model.RuleSets[p.RuleSet].Id, items, items.Count));
    }

    public static async Task<IResult> Bottlenecks(HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (run, problem) = await RunAsync(http, db, models, access, ct);
        if (problem is not null) return problem;
        var (model, view, areas, p) = run!.Value;
        var worksOf = await WorksAsync(db, [.. areas.Select(a => model.Grid.Areas[a].Id)], p.AsOf, ct);
        var items = model.Bottlenecks(areas, view, p.RuleSet, p.From, p.To, p.Scenarios, options.Value.DisclosureControl).Bottlenecks
            .Select(b => new BottleneckItem(Ref(model.Grid.Areas[model.Grid.IndexOf(b.AreaId)]), b.Direction, b.Scenario, b.FirstYear, b.Shortfall, b.CausedBy,
                Works(worksOf[b.AreaId], b.FirstYear)))
            .OrderBy(b => b.FirstYear).ThenBy(b => b.Area.Operator, StringComparer.Ordinal).ThenBy(b => b.Area.ShortCode, StringComparer.Ordinal)
            .ThenBy(b => b.Direction, StringComparer.Ordinal).ThenBy(b => b.Scenario, StringComparer.Ordinal).ToList();
        await audit.ReadAsync((await access.CurrentAsync(ct)).Caller, view.Counted.Select(d => d.AccessRow()), "bottlenecks", ct);
        return TypedResults.Ok(new BottleneckResult(model.RuleSets[p.RuleSet].Id, items, items.Count));
    }

    /// <summary>An area's load in a year as the API shows it (REST and GraphQL).</summary>
    public static AreaLoadItem ToItem(GridModel model, AreaYearLoad l, bool contributions) =>
        new(Ref(model.Grid.Areas[model.Grid.IndexOf(l.AreaId)]), l.Year, l.Scenario, Round(l.PeakOfftakeMw), Round(l.PeakFeedInMw),
            Round(l.AnnualEnergyMwh), l.AvailableOfftakeMw, l.AvailableFeedInMw, l.OfftakeBySector.ToDictionary(kv => kv.Key, kv => Round(kv.Value)),
            contributions ? l.Contributions : null, l.AggregateOnlyDevelopments, l.AggregateOnlyWithheldBecause);

    private sealed record Query(int RuleSet, IReadOnlyList<string> Scenarios, int From, int To, DateTime? AsOf);

    /// <summary>The model, the caller's view of it, the areas asked for (by index) and the query's parameters.</summary>
    private static async Task<((GridModel Model, AnalysisView View, List<int> Areas, Query Query)?, ProblemResult?)> RunAsync(
        HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (parameters, problem) = Parameters(q);
        if (problem is not null) return (null, problem);
        var (rules, scenarios, from, to) = parameters!.Value;
        var (asOf, asOfProblem) = RequestBody.AsOf(q);
        if (asOfProblem is not null) return (null, asOfProblem);
        var model = asOf is { } past ? await models.AtAsync(db, past, ct) : await models.CurrentAsync(db, ct);
        var operatorCode = q["operator"].ToString();
        var codes = q["area"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var areas = Enumerable.Range(0, model.Grid.Areas.Count).Where(i =>
            (operatorCode.Length == 0 || model.Grid.Areas[i].Operator == operatorCode) && (codes.Length == 0 || codes.Contains(model.Grid.Areas[i].ShortCode))).ToList();
        var view = AnalysisView.For(await access.CurrentAsync(ct));
        return ((model, view, areas, new Query(model.RuleSetIndex(rules.Id), scenarios, from, to, asOf)), null);
    }

    /// <summary>The rule set, scenarios and years of an analysis query; every bad parameter named.</summary>
    private static ((CalculationRuleSet Rules, string[] Scenarios, int From, int To)?, ProblemResult?) Parameters(IQueryCollection q)
    {
        var errors = new List<FieldError>();
        var rules = RuleSetCatalogue.Instance.Find(q["ruleSet"].ToString() is { Length: > 0 } r ? r : RuleSetCatalogue.DefaultId);
        if (rules is null) errors.Add(new FieldError("", "unknownRuleSet", "not a rule set; see GET /api/v1/calculation-rule-sets") { Parameter = "ruleSet" });
        var scenarios = q["scenario"].ToString() is { Length: > 0 } sc ? sc.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : Scenarios.All;
        foreach (var s in scenarios.Where(s => Array.IndexOf(Scenarios.All, s) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{s}' is not a scenario; use committed, expected or ambition") { Parameter = "scenario" });
        int Year(string name, int fallback)
        {
            if (q[name].ToString() is not { Length: > 0 } t) return fallback;
            if (int.TryParse(t, out var y) && y is >= DevelopmentCodes.MinYear and <= DevelopmentCodes.MaxYear) return y;
            errors.Add(new FieldError("", "outOfRange", $"{name} is a year from {DevelopmentCodes.MinYear} to {DevelopmentCodes.MaxYear}") { Parameter = name });
            return fallback;
        }
        var from = Year("fromYear", 2025);
        var to = Year("toYear", 2040);
        if (to < from || to - from > 50) errors.Add(new FieldError("", "invalidRange", "toYear is 0–50 years after fromYear") { Parameter = "toYear" });
        return errors.Count > 0 ? (null, Problems.Validation(errors, "The query is not valid")) : ((rules!, scenarios, from, to), null);
    }

    /// <summary>The energy areas and the caller's visible developments inside them, ready for analysis.</summary>
    public static async Task<(List<EnergyAreaVersion> Rows, List<GridArea> Areas, List<PlacedDevelopment> Developments)> PlacedAsync(
        DataHubDb db, ISpatialQuery spatial, AccessScopes access, AuditTrail audit, CalculationRuleSet rules, CancellationToken ct,
        string? operatorCode = null, string? areaCodes = null)
    {
        var areas = GridModelCache.AnalysedAreas(db);
        if (!string.IsNullOrEmpty(operatorCode)) areas = areas.Where(a => a.OperatorCode == operatorCode);
        if (!string.IsNullOrEmpty(areaCodes))
        {
            var list = areaCodes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            areas = areas.Where(a => list.Contains(a.ShortCode));
        }
        var areaRows = await areas.OrderBy(a => a.OperatorCode).ThenBy(a => a.ShortCode).ToListAsync(ct);
        var gridAreas = areaRows.Select(GridModelCache.ToGridArea).ToList();
        var scope = await access.CurrentAsync(ct);
        var developments = new List<DevelopmentVersion>();
        if (gridAreas.Count > 0)
        {
            var box = new NetTopologySuite.Geometries.Envelope();
            foreach (var a in gridAreas) box.ExpandToInclude(a.Boundary.EnvelopeInternal);
            var rows = db.DevelopmentVersions.AsNoTracking().Where(v => v.ValidTo == null && !v.IsRetired).VisibleTo(scope);
            developments = await (await spatial.IntersectingAsync(db, rows, box, ct)).ToListAsync(ct);
        }
        await audit.ReadAsync(scope.Caller, developments, "area analysis", ct);
        var placed = developments.Select(v =>
        {
            var facts = AnalysisEndpoints.Facts(v);
            return new PlacedDevelopment(scope.HasDetailAccess(v) ? facts : facts with { Energy = [] }, v.Geometry);
        }).ToList();
        return (areaRows, gridAreas, placed);
    }

    /// <summary>The areas' works as they were stated at the moment asked (now, or asOf).</summary>
    private static async Task<Dictionary<Guid, string>> WorksAsync(DataHubDb db, List<Guid> areas, DateTime? asOf, CancellationToken ct)
    {
        return await db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => areas.Contains(a.AreaId)).ToDictionaryAsync(a => a.AreaId, a => a.WorksJson, ct);
    }

    /// <summary>The area's works with the year they complete, and whether that is before the bottleneck's first year.</summary>
    private static IReadOnlyList<RelievingWork> Works(string worksJson, int firstYear)
    {
        var works = new List<RelievingWork>();
        foreach (var w in JsonDocument.Parse(worksJson).RootElement.EnumerateArray())
        {
            int? completion = null;
            var schedules = w.TryGetProperty("time_schedules", out var ts) && ts.ValueKind == JsonValueKind.Array ? ts.EnumerateArray().ToList() : [];
            foreach (var s in schedules)
            {
                if (!s.TryGetProperty("schedule_interval", out var i)) continue;
                int? year = i.TryGetProperty("end", out var end) && DateOnly.TryParse(end.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d.Year
                    : i.TryGetProperty("year", out var y) && y.TryGetInt32(out var yy) ? yy : null;
                if (year is not null) completion = Math.Max(completion ?? year.Value, year.Value);
            }
            works.Add(new RelievingWork(w.GetProperty("project_name").GetString()!, w.TryGetProperty("description", out var desc) ? desc.GetString() : null,
                completion, completion is not null && completion <= firstYear));
        }
        return works;
    }

    private static AreaRef Ref(GridArea a) => new(a.Id, a.Operator, a.ShortCode);

    private static double Round(double v) => Math.Round(v, 6);
}
