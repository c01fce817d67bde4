using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Analysis;

public sealed record CalculationRuleSetList(IReadOnlyList<CalculationRuleSetResponse> Items, int NumberReturned);

public sealed record CalculationRuleSetResponse(string Id, string Code, string Version, string Name, string Description, string Status,
    IReadOnlyList<RuleSetApproval> Approvals, IReadOnlyList<SimultaneityFactor> Simultaneity, IReadOnlyList<CalculationRule> Rules);

public sealed record DevelopmentLoad(Guid Development, string RuleSet, bool StatedEnergyUsed, IReadOnlyList<YearLoad> Years);

/// <summary>A development's load per year and carrier over an analysis window (GET /developments/{id}/load, GraphQL's Development.load).</summary>
public static class DevelopmentLoadSeries
{
    /// <summary>A stored development's load over the window; stated energy counts only with detail access.</summary>
    public static DevelopmentLoad Of(DevelopmentVersion row, AnalysisWindow window, bool detail) =>
        Of(DevelopmentFacts.Of(row), window, detail);

    /// <summary>A development as the caller sees it (its withheld properties absent): stated energy counts only when it was shown.</summary>
    public static DevelopmentLoad Of(DevelopmentFeature feature, AnalysisWindow window)
    {
        var p = feature.Properties;
        return Of(new DevelopmentFacts(p.Id, p.Owner, p.Sector, p.Kind, p.Certainty, p.DecommissioningYear, p.Quantities, p.Energy), window, p.Withheld is null);
    }

    private static DevelopmentLoad Of(DevelopmentFacts facts, AnalysisWindow window, bool detail) =>
        new(facts.Id, window.Rules.Id, detail && facts.Energy.Count > 0, LoadTranslation.Translate(facts, window.Rules, window.From, window.To, useStatedEnergy: detail));
}

public static class AnalysisEndpoints
{
    public static RouteGroupBuilder MapAnalysis(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/calculation-rule-sets").WithTags("Calculation rules");
        rules.MapGet("", ListRuleSets).WithName("listCalculationRuleSets")
            .WithSummary("The calculation rule sets (kengetallen) with their simultaneity factors, sources and approvals")
            .WithProblems(400);
        rules.MapGet("/{id}", GetRuleSet).WithName("getCalculationRuleSet").WithSummary("One rule set, by code@version")
            .WithProblems(400, 404);
        api.MapGet("/developments/{id:guid}/load", GetDevelopmentLoad).WithTags("Developments").WithName("getDevelopmentLoad")
            .WithSummary("A development's load per year and carrier under a rule set (stated energy only with detail access)")
            .WithProblems(400, 404);
        return api;
    }

    private static Ok<CalculationRuleSetList> ListRuleSets() => TypedResults.Ok(RuleSetReads.List());

    private static Results<Ok<CalculationRuleSetResponse>, ProblemResult> GetRuleSet(string id) => RuleSetReads.Get(id).Failed(out var problem, out var set) ? problem : TypedResults.Ok(set);

    private static string RuleSetText => $"code@version (default {RuleSetCatalogue.DefaultId})";

    /// <summary>A development's load query: the rule set and years.</summary>
    private sealed record LoadQuery(
        [property: FromQuery(Name = "ruleSet"), DescribedBy(typeof(AnalysisEndpoints), nameof(RuleSetText))] string? RuleSet,
        [property: FromQuery(Name = "fromYear"), Description("first year (default 2025)")] int? FromYear,
        [property: FromQuery(Name = "toYear"), Description("last year (default 2040)")] int? ToYear);

    private static async Task<Results<Ok<DevelopmentLoad>, ProblemResult>> GetDevelopmentLoad(Guid id, [AsParameters] LoadQuery query, DevelopmentReads reads, AccessScopes access, CancellationToken ct)
    {
        var (window, errors) = AnalysisWindow.Read(query.RuleSet, null, query.FromYear, query.ToYear);
        if (window is null) return Problems.Validation(errors);
        var scope = await access.CurrentAsync(ct);
        if ((await reads.GetAsync(scope, id, null, ct)).Failed(out var problem, out var row)) return problem;
        return TypedResults.Ok(DevelopmentLoadSeries.Of(row, window, scope.HasDetailAccess(row)));
    }
}

/// <summary>The calculation rule sets (kengetallen), public: every surface shows them from here.</summary>
public static class RuleSetReads
{
    public static CalculationRuleSetList List()
    {
        var items = RuleSetCatalogue.Instance.Sets.Select(ToResponse).ToList();
        return new CalculationRuleSetList(items, items.Count);
    }

    public static Operations.Outcome<CalculationRuleSetResponse> Get(string id) =>
        RuleSetCatalogue.Instance.Find(id) is { } set ? ToResponse(set) : Problems.NotFound($"There is no calculation rule set '{id}'.");

    private static CalculationRuleSetResponse ToResponse(CalculationRuleSet s) =>
        new(s.Id, s.Code, s.Version, s.Name, s.Description, s.Status, s.Approvals, s.Simultaneity, s.Rules);
}
