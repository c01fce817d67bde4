using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.Spatial;
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

    private static async Task<IResult> DevelopmentLoads(HttpContext http, GridAnalysisReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (window, asOf, problem) = Window(http.Request);
        if (problem is not null) return problem;
        var areas = q["area"].ToString() is { Length: > 0 } codes ? codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var level = q["level"].ToString() is { Length: > 0 } l ? l : "province";
        var result = await reads.DevelopmentLoadsAsync(await access.CurrentAsync(ct), level, window!, areas, asOf, ct);
        return result.Failed(out var refused, out var loads) ? refused : TypedResults.Ok(loads);
    }

    private static async Task<IResult> AreaLoads(HttpContext http, GridAnalysisReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (window, asOf, problem) = Window(http.Request);
        if (problem is not null) return problem;
        return TypedResults.Ok(await reads.AreaLoadsAsync(await access.CurrentAsync(ct), window!, AreaSelection.Of(q["operator"], q["area"]),
            q["contributions"].ToString() is "true", asOf, ct));
    }

    private static async Task<IResult> Bottlenecks(HttpContext http, GridAnalysisReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (window, asOf, problem) = Window(http.Request);
        if (problem is not null) return problem;
        return TypedResults.Ok(await reads.BottlenecksAsync(await access.CurrentAsync(ct), window!, AreaSelection.Of(q["operator"], q["area"]), asOf, ct));
    }

    /// <summary>The analysis window and asOf of the query string; every bad parameter named.</summary>
    private static (AnalysisWindow?, DateTime?, ProblemResult?) Window(HttpRequest request)
    {
        var q = request.Query;
        var (window, errors) = AnalysisWindow.Read(q["ruleSet"], q["scenario"], q["fromYear"].ToString(), q["toYear"].ToString());
        if (window is null) return (null, null, Problems.Validation(errors, "The query is not valid"));
        var (asOf, asOfProblem) = RequestBody.AsOf(request);
        return (window, asOf, asOfProblem);
    }
}
