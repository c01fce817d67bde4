using DataHub.Api.Access;
using DataHub.Api.Data;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Analysis;

public sealed record CalculationRuleSetList(IReadOnlyList<CalculationRuleSetResponse> Items, int NumberReturned);

public sealed record CalculationRuleSetResponse(string Id, string Code, string Version, string Name, string Description, string Status,
    IReadOnlyList<RuleSetApproval> Approvals, IReadOnlyList<SimultaneityFactor> Simultaneity, IReadOnlyList<CalculationRule> Rules);

public sealed record DevelopmentLoad(Guid Development, string RuleSet, bool StatedEnergyUsed, IReadOnlyList<YearLoad> Years);

public static class AnalysisEndpoints
{
    public static RouteGroupBuilder MapAnalysis(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/calculation-rule-sets").WithTags("Calculation rules");
        rules.MapGet("", ListRuleSets).WithName("listCalculationRuleSets")
            .WithSummary("The calculation rule sets (kengetallen) with their simultaneity factors, sources and approvals")
            .Produces<CalculationRuleSetList>().WithProblems(400);
        rules.MapGet("/{id}", GetRuleSet).WithName("getCalculationRuleSet").WithSummary("One rule set, by code@version")
            .Produces<CalculationRuleSetResponse>().WithProblems(400, 404);
        api.MapGet("/developments/{id:guid}/load", DevelopmentLoadSeries).WithTags("Developments").WithName("getDevelopmentLoad")
            .WithSummary("A development's load per year and carrier under a rule set (stated energy only with detail access)")
            .WithQuery("ruleSet", $"code@version (default {RuleSetCatalogue.DefaultId})")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer)
            .WithQuery("toYear", "last year (default 2040)", JsonSchemaType.Integer)
            .Produces<DevelopmentLoad>().WithProblems(400, 404);
        return api;
    }

    public static IResult ListRuleSets()
    {
        var items = RuleSetCatalogue.Instance.Sets.Select(ToResponse).ToList();
        return TypedResults.Ok(new CalculationRuleSetList(items, items.Count));
    }

    public static IResult GetRuleSet(string id) =>
        RuleSetCatalogue.Instance.Find(id) is { } set ? TypedResults.Ok(ToResponse(set)) : Problems.NotFound($"There is no calculation rule set '{id}'.");

    public static async Task<IResult> DevelopmentLoadSeries(Guid id, string? ruleSet, int? fromYear, int? toYear, DataHubDb db,
        AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var set = RuleSetCatalogue.Instance.Find(ruleSet ?? RuleSetCatalogue.DefaultId);
        if (set is null)
            return Problems.Validation([new FieldError("", "unknownRuleSet", $"'{ruleSet}' is not a rule set; see GET /api/v1/calculation-rule-sets") { Parameter = "ruleSet" }]);
        var (from, to) = (fromYear ?? 2025, toYear ?? 2040);
        if (from < DevelopmentCodes.MinYear || to > DevelopmentCodes.MaxYear || to < from)
            return Problems.Validation([new FieldError("", "outOfRange", $"years run from {DevelopmentCodes.MinYear} to {DevelopmentCodes.MaxYear}, fromYear ≤ toYear") { Parameter = "fromYear" }]);
        var scope = await access.CurrentAsync(ct);
        var row = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(null, scope).FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound($"There is no development {id}.");
        await audit.ReadAsync(scope.Caller, [row], "load", ct);
        var detail = scope.HasDetailAccess(row);
        var years = LoadTranslation.Translate(Facts(row), set, from, to, useStatedEnergy: detail);
        return TypedResults.Ok(new DevelopmentLoad(id, set.Id, detail && row.EnergyJson != "[]", years));
    }

    /// <summary>The facts the translation needs, from a stored version.</summary>
    public static DevelopmentFacts Facts(DevelopmentVersion v) => new(
        v.DevelopmentId, v.OwnerCode, v.Sector, v.Kind, v.Certainty, v.DecommissioningYear,
        DevelopmentMapping.StoredQuantities(v.QuantitiesJson), DevelopmentMapping.StoredEnergy(v.EnergyJson));

    private static CalculationRuleSetResponse ToResponse(CalculationRuleSet s) =>
        new(s.Id, s.Code, s.Version, s.Name, s.Description, s.Status, s.Approvals, s.Simultaneity, s.Rules);
}
