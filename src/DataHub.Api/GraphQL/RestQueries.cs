using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.DevelopmentImports;
using DataHub.Api.Features.Grid;
using DataHub.Api.Features.Plans;
using DataHub.Api.Features.Programme;
using DataHub.Api.Features.SharingAgreements;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.GraphQL;

/// <summary>
/// Reads whose logic is a REST handler's own (aggregates under disclosure control, loads, comparisons, the caller's
/// own quickscans, variants, agreements, audit events, reports): the graph asks the handler, so the answer and the
/// access decision are REST's, byte for byte, typed by the handler's own response record.
/// </summary>
public static class RestQueries
{
    private static readonly string[] Ints = ["year", "fromYear", "toYear", "limit"];
    private static readonly string[] Times = ["asOf", "since"];

    public static void AddAll(ObjectGraphType query)
    {
        Add<PlanList>(query, "plans", "listPlans", "Source plans (public metadata), as GET /plans", ["owner", "planType", "asOf"]);
        Add<PlanResponse>(query, "plan", "getPlan", "One plan", [], ["id"]);
        Add<AggregateResult>(query, "developmentAggregates", "getDevelopmentAggregates",
            "Quantities and counts per fixed area × year × sector × plan type × certainty, with disclosure control (as GET /development-aggregates)",
            ["level", "area", "fromYear", "toYear", "sector", "planType", "certainty", "asOf"]);
        Add<AdminAreaLoadResult>(query, "developmentLoads", "listDevelopmentLoads", "Load per municipality, RES region, province or NL, with disclosure control",
            ["level", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf"]);
        Add<AreaLoadResult>(query, "areaLoads", "listAreaLoads", "Load per energy area × year × scenario against capacity (as GET /area-loads)",
            ["operator", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf", "contributions"]);
        Add<DevelopmentLoad>(query, "developmentLoad", "getDevelopmentLoad", "A development's load per year and carrier under a rule set", ["ruleSet", "fromYear", "toYear"], ["id"]);
        Add<CalculationRuleSetList>(query, "calculationRuleSets", "listCalculationRuleSets", "The calculation rules (kengetallen) with their sources", []);
        Add<QuickscanList>(query, "quickscans", "listQuickscans", "The caller's organisation's quickscans", []);
        Add<QuickscanResponse>(query, "quickscan", "getQuickscan", "One of the caller's organisation's quickscans", [], ["id"]);
        Add<VariantList>(query, "variants", "listVariants", "The caller's organisation's variants", []);
        Add<VariantComparison>(query, "variantComparison", "compareVariants", "A variant against the base (and others), as GET /variants/{id}/comparison",
            ["with", "scenario", "fromYear", "toYear"], ["id"]);
        Add<SharingAgreementList>(query, "sharingAgreements", "listSharingAgreements", "The agreements the caller's organisation gave or received", ["role"]);
        Add<SharingAgreementResponse>(query, "sharingAgreement", "getSharingAgreement", "One agreement the caller's organisation gave or received", [], ["id"]);
        Add<AuditEventList>(query, "auditEvents", "listAuditEvents", "Audit events about the caller's organisation's data (OrgAdmin) or all (HubAdmin)",
            ["since", "limit", "cursor"]);
        Add<DevelopmentImportReport>(query, "developmentImport", "getDevelopmentImport", "What a bulk import did", [], ["id"]);
        Add<CapacityMapImportReport>(query, "capacityMapImport", "getCapacityMapImport", "What a capacity-map import did", [], ["id"]);
        Add<BaselineChanges>(query, "programmeCycleChanges", "listProgrammeCycleChanges", "What was added, changed or retired since a cycle's baseline", [], ["id"]);
        Add<ProgressReport>(query, "progressReport", "getProgrammeCycleProgressReport", "How the previous round's projects are doing", ["date"], ["id"]);
        Add<MiekProjectFiche>(query, "miekProjectFiche", "getMiekProjectFiche", "A project's fiche: fields, scores, decision, facts, progress, map and load data", [], ["id"]);
        Add<ProvinceFramework>(query, "weighingFramework", "getProvinceWeighingFramework", "The framework a province weighs with", [], ["province"]);
        Add<WeighingFramework>(query, "defaultWeighingFramework", "getDefaultWeighingFramework", "The default weighing framework: criteria A–H", []);
        Add<BottleneckResult>(query, "bottlenecks", "listBottlenecks",
            "Per energy area and direction: the first year load exceeds capacity, the shortfall, the causes and the relieving works (as GET /bottlenecks)",
            ["operator", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf"]);
        Add<StationList>(query, "stations", "listStations", "Stations, optionally of one operator (public)", ["operator", "asOf"]);
        Add<Features.Organisations.OrganisationResponse>(query, "organisation", "getOrganisation", "One registered organisation", [], ["code"]);
        Add<CalculationRuleSetResponse>(query, "calculationRuleSet", "getCalculationRuleSet", "One rule set, by code@version", [], ["id"]);
        Add<VariantResponse>(query, "variant", "getVariant", "One of the caller's organisation's variants", [], ["id"]);
        Add<ProgrammeCycleResponse>(query, "programmeCycle", "getProgrammeCycle", "One programme cycle", [], ["id"]);
        Add<SharingAgreementList>(query, "sharingAgreementVersions", "listSharingAgreementVersions", "Every version of an agreement the caller's organisation gave or received", [], ["id"]);
    }

    private static void Add<TRecord>(ObjectGraphType query, string name, string endpoint, string description, string[] queryArgs, string[]? routeArgs = null)
    {
        var single = routeArgs is { Length: > 0 };
        var type = single ? typeof(AutoRegisteringObjectGraphType<TRecord>) : typeof(NonNullGraphType<AutoRegisteringObjectGraphType<TRecord>>);
        var field = query.Field(name, type).Description(description + (single ? " (null when the caller may not see it)" : ""));
        foreach (var r in routeArgs ?? []) field.Argument<NonNullGraphType<StringGraphType>>(r);
        foreach (var a in queryArgs)
            field.Argument(Ints.Contains(a) ? typeof(IntGraphType) : Times.Contains(a) && a != "since" || a == "since" && endpoint == "listAuditEvents" ? typeof(DateTimeGraphType)
                : a == "contributions" ? typeof(BooleanGraphType) : typeof(StringGraphType), a, x => x.Description = $"as REST's {a}");
        field.ResolveAsync(async c =>
        {
            var route = (routeArgs ?? []).ToDictionary(r => r, r => (string?)c.GetArgument<string>(r));
            return await RestReads.GetAsync<TRecord>(c, endpoint, c.AsQuery(queryArgs), route, nullWhenNotFound: single);
        });
    }
}
