using System.ComponentModel.DataAnnotations;
using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;

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
            .WithProblems(400);
        api.MapGet("/development-loads", DevelopmentLoads).WithTags("Analysis").WithName("listDevelopmentLoads")
            .WithSummary("Load per municipality, RES region, province or NL × year × scenario × carrier × sector, with disclosure control")
            .WithProblems(400);
        api.MapGet("/bottlenecks", Bottlenecks).WithTags("Analysis").WithName("listBottlenecks")
            .WithSummary("Per energy area and direction: the first year load exceeds capacity, the shortfall, the causes and the relieving works")
            .WithProblems(400);
        return api;
    }

    private static string RuleSetText => $"calculation rule set (default {RuleSetCatalogue.DefaultId})";

    /// <summary>The window of every analysis read: rule set, scenarios, years, and the moment (<see cref="AnalysisWindow"/>, <see cref="AsOf"/>).</summary>
    public sealed record WindowQuery(
        [property: FromQuery(Name = "scenario"), Description("committed, expected, ambition (comma-separated; all when absent)")] string? Scenario,
        [property: FromQuery(Name = "fromYear"), Description("first year (default 2025)")] int? FromYear,
        [property: FromQuery(Name = "toYear"), Description("last year (default 2040)")] int? ToYear,
        [property: FromQuery(Name = "ruleSet"), DescribedBy(typeof(GridAnalysisEndpoints), nameof(RuleSetText))] string? RuleSet,
        [property: FromQuery(Name = "asOf"), Description("the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    /// <summary>Which energy areas: of one operator, or these short codes.</summary>
    private sealed record EnergyAreaQuery(
        [property: FromQuery(Name = "operator"), Description("grid operator code")] string? Operator,
        [property: FromQuery(Name = "area"), Description("energy area short codes, comma-separated")] string? Area);

    private sealed record ContributionsQuery(
        [property: FromQuery(Name = "contributions"), Description("true to list the contributing developments per area, year and scenario")] bool? Contributions);

    /// <summary>Which administrative areas: a level and its area codes.</summary>
    private sealed record AdminAreaQuery(
        [property: FromQuery(Name = "level"), Description("municipality, resRegion, province (default) or national")] string? Level,
        [property: FromQuery(Name = "area"), Description("area codes at that level, comma-separated")] string? Area);

    private static async Task<Results<Ok<AdminAreaLoadResult>, ProblemResult>> DevelopmentLoads([AsParameters] AdminAreaQuery areas, [AsParameters] WindowQuery query, HttpContext http, GridAnalysisReads reads,
        AccessScopes access, CancellationToken ct)
    {
        var (window, asOf, problem) = Window(query, http.Request);
        if (problem is not null) return problem;
        var codes = areas.Area is { Length: > 0 } a ? a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var result = await reads.DevelopmentLoadsAsync(await access.CurrentAsync(ct), areas.Level is { Length: > 0 } l ? l : "province", window!, codes, asOf, ct);
        return result.Failed(out var refused, out var loads) ? refused : TypedResults.Ok(loads);
    }

    private static async Task<Results<Ok<AreaLoadResult>, ProblemResult>> AreaLoads([AsParameters] EnergyAreaQuery areas, [AsParameters] WindowQuery query, [AsParameters] ContributionsQuery contributions,
        HttpContext http, GridAnalysisReads reads, AccessScopes access, CancellationToken ct)
    {
        var (window, asOf, problem) = Window(query, http.Request);
        if (problem is not null) return problem;
        return TypedResults.Ok(await reads.AreaLoadsAsync(await access.CurrentAsync(ct), window!, AreaSelection.Of(areas.Operator, areas.Area),
            contributions.Contributions ?? false, asOf, ct));
    }

    private static async Task<Results<Ok<BottleneckResult>, ProblemResult>> Bottlenecks([AsParameters] EnergyAreaQuery areas, [AsParameters] WindowQuery query, HttpContext http, GridAnalysisReads reads,
        AccessScopes access, CancellationToken ct)
    {
        var (window, asOf, problem) = Window(query, http.Request);
        if (problem is not null) return problem;
        return TypedResults.Ok(await reads.BottlenecksAsync(await access.CurrentAsync(ct), window!, AreaSelection.Of(areas.Operator, areas.Area), asOf, ct));
    }

    /// <summary>The analysis window and asOf of the query; every bad parameter named.</summary>
    private static (AnalysisWindow?, DateTime?, ProblemResult?) Window(WindowQuery q, HttpRequest request)
    {
        var (window, errors) = AnalysisWindow.Read(q.RuleSet, q.Scenario, q.FromYear, q.ToYear);
        if (window is null) return (null, null, Problems.Validation(errors, "The query is not valid"));
        var (asOf, asOfProblem) = RequestBody.AsOf(q.AsOf, request);
        return (window, asOf, asOfProblem);
    }
}
