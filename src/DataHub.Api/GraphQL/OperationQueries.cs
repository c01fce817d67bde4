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
/// Query fields typed by the REST answer's own record (aggregates under disclosure control, loads, comparisons, the
/// caller's own quickscans, variants, agreements, audit events, reports, the programme's reads): each resolves with
/// the feature's read operation, the one REST's endpoint calls, so the answer and the access decision are REST's.
/// </summary>
public static class OperationQueries
{
    private static readonly string[] Ints = ["year", "fromYear", "toYear", "limit"];

    public static void AddAll(ObjectGraphType query, GraphQLOptions options)
    {
        AddList<PlanList, PlanResponse>(query, options, "plans", "Source plans (public metadata), as GET /plans", ["owner", "planType", "asOf"], l => l.Items,
            PlanGraphQL.ListAsync);
        Add<PlanResponse>(query, "plan", "One plan", [], ["id"], resolve: PlanGraphQL.GetAsync);
        Add<AggregateResult>(query, "developmentAggregates",
            "Quantities and counts per fixed area × year × sector × plan type × certainty, with disclosure control (as GET /development-aggregates)",
            ["level", "area", "fromYear", "toYear", "sector", "planType", "certainty", "asOf"], resolve: async c =>
            {
                var (query, errors) = AggregateQuery.Read(c.GetArgument<string?>("level"), c.GetArgument<string?>("area"),
                    c.GetArgument<int?>("fromYear")?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.GetArgument<int?>("toYear")?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.GetArgument<string?>("sector"), c.GetArgument<string?>("planType"), c.GetArgument<string?>("certainty"));
                if (query is null) throw Resolve.Invalid(errors, "The query is not valid");
                return await c.Service<DevelopmentAggregateReads>().GetAsync(await c.Service<Access.AccessScopes>().CurrentAsync(c.CancellationToken), query, c.AsOf(), c.CancellationToken);
            });
        Add<AdminAreaLoadResult>(query, "developmentLoads", "Load per municipality, RES region, province or NL, with disclosure control",
            ["level", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf"], resolve: GridAnalysisGraphQL.DevelopmentLoadsAsync);
        Add<AreaLoadResult>(query, "areaLoads", "Load per energy area × year × scenario against capacity (as GET /area-loads)",
            ["operator", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf", "contributions"], resolve: GridAnalysisGraphQL.AreaLoadsAsync);
        Add<DevelopmentLoad>(query, "developmentLoad", "A development's load per year and carrier under a rule set", ["ruleSet", "fromYear", "toYear"], ["id"],
            resolve: GridAnalysisGraphQL.DevelopmentLoadAsync);
        AddList<CalculationRuleSetList, CalculationRuleSetResponse>(query, options, "calculationRuleSets", "The calculation rules (kengetallen) with their sources", [], l => l.Items,
            _ => Task.FromResult(RuleSetReads.List()));
        AddList<QuickscanList, QuickscanResponse>(query, options, "quickscans", "The caller's organisation's quickscans", [], l => l.Items,
            QuickscanGraphQL.ListAsync);
        Add<QuickscanResponse>(query, "quickscan", "One of the caller's organisation's quickscans", [], ["id"], resolve: QuickscanGraphQL.GetAsync);
        AddList<VariantList, VariantResponse>(query, options, "variants", "The caller's organisation's variants", [], l => l.Items,
            VariantGraphQL.ListAsync);
        Add<VariantComparison>(query, "variantComparison", "A variant against the base (and others), as GET /variants/{id}/comparison",
            ["with", "scenario", "fromYear", "toYear"], ["id"], resolve: VariantGraphQL.CompareAsync);
        AddList<SharingAgreementList, SharingAgreementResponse>(query, options, "sharingAgreements", "The agreements the caller's organisation gave or received", ["role"], l => l.Items,
            SharingAgreementGraphQL.ListAsync);
        Add<SharingAgreementResponse>(query, "sharingAgreement", "One agreement the caller's organisation gave or received", [], ["id"],
            resolve: SharingAgreementGraphQL.GetAsync);
        AddAuditEvents(query, options);
        Add<DevelopmentImportReport>(query, "developmentImport", "What a bulk import did", [], ["id"], resolve: DevelopmentImportGraphQL.GetAsync);
        Add<CapacityMapImportReport>(query, "capacityMapImport", "What a capacity-map import did", [], ["id"], resolve: GridImportGraphQL.CapacityMapImportAsync);
        Add<BaselineChanges>(query, "programmeCycleChanges", "What was added, changed or retired since a cycle's baseline",
            ["resourceType", "limit", "cursor"], ["id"], resolve: ProgrammeGraphQL.CycleChangesAsync);
        Add<ProgressReport>(query, "progressReport", "How the previous round's projects are doing", ["date", "asOf"], ["id"], resolve: ProgrammeGraphQL.ProgressReportAsync);
        Add<MiekProjectFiche>(query, "miekProjectFiche", "A project's fiche: fields, scores, decision, facts, progress, map and load data (asOf: as it stood then)", ["asOf"], ["id"], resolve: ProgrammeGraphQL.FicheAsync);
        Add<ProvinceFramework>(query, "weighingFramework", "The framework a province weighs with", [], ["province"], resolve: ProgrammeGraphQL.FrameworkAsync);
        Add<WeighingFramework>(query, "defaultWeighingFramework", "The default weighing framework: criteria A–H", [], resolve: _ => Task.FromResult<object?>(WeighingFrameworkContracts.Default));
        Add<BottleneckResult>(query, "bottlenecks",
            "Per energy area and direction: the first year load exceeds capacity, the shortfall, the causes and the relieving works (as GET /bottlenecks)",
            ["operator", "area", "scenario", "fromYear", "toYear", "ruleSet", "asOf"], resolve: GridAnalysisGraphQL.BottlenecksAsync);
        AddList<StationList, StationResponse>(query, options, "stations", "Stations, optionally of one operator (public)", ["operator", "asOf"], l => l.Items,
            async c => await c.Service<StationReads>().ListAsync(c.GetArgument<string?>("operator"), c.AsOf(), c.CancellationToken));
        Add<Features.Organisations.OrganisationResponse>(query, "organisation", "One registered organisation", [], ["code"],
            resolve: async c => (await c.Service<Features.Organisations.OrganisationReads>().GetAsync(c.GetArgument<string>("code"), c.CancellationToken)).Value);
        Add<CalculationRuleSetResponse>(query, "calculationRuleSet", "One rule set, by code@version", [], ["id"],
            resolve: c => Task.FromResult<object?>(RuleSetReads.Get(c.GetArgument<string>("id")).Value));
        Add<VariantResponse>(query, "variant", "One of the caller's organisation's variants", [], ["id"], resolve: VariantGraphQL.GetAsync);
        Add<ProgrammeCycleResponse>(query, "programmeCycle", "One programme cycle", [], ["id"], resolve: ProgrammeGraphQL.CycleAsync);
        Add<SharingAgreementList>(query, "sharingAgreementVersions", "Every version of an agreement the caller's organisation gave or received", [], ["id"],
            resolve: SharingAgreementGraphQL.VersionsAsync);
    }

    /// <summary>A list REST answers whole (a caller's own quickscans, variants, agreements; plans; stations; rule sets), in REST's order, as a connection paged with <c>first</c> and <c>after</c>.</summary>
    private static void AddList<TList, TItem>(ObjectGraphType query, GraphQLOptions options, string name, string description, string[] queryArgs,
        Func<TList, IReadOnlyList<TItem>> items, Func<IResolveFieldContext, Task<TList>> resolve)
    {
        var field = query.Field<NonNullGraphType<ConnectionGraphType<AutoRegisteringObjectGraphType<TItem>>>>(name).Description(description).PageArguments(options);
        foreach (var a in queryArgs) field.Argument(ArgumentType(a), a, x => x.Description = $"as REST's {a}");
        field.ResolveAsync(async c =>
        {
            c.First(options);
            return Connections.Page(c, options, items(await resolve(c)));
        });
    }

    /// <summary>
    /// The audit trail is paged by REST itself, newest first (it is too long to answer whole): <c>first</c> is REST's
    /// limit, an edge's cursor is its event id, which REST's cursor continues behind. No totalCount: the trail is not counted.
    /// </summary>
    private static void AddAuditEvents(ObjectGraphType query, GraphQLOptions options)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<AutoRegisteringObjectGraphType<AuditEventResponse>>>>("auditEvents")
            .Description("Audit events about the caller's organisation's data (OrgAdmin) or all (HubAdmin), newest first")
            .PageArguments(options).Argument<DateTimeGraphType>("since", "as REST's since")
            .ResolveAsync(async c =>
            {
                long? after = c.GetArgument<string?>("after") is { } a ? long.TryParse(a, out var id) ? id : throw new ExecutionError("after is a cursor from this list") { Code = "invalidFormat" } : null;
                var since = c.AsQuery("since")["since"].ToString() is { Length: > 0 } s ? s : null;
                var page = Answers.Of(await c.Service<AuditReads>().ListAsync(await c.Service<Access.AccessScopes>().CurrentAsync(c.CancellationToken), since,
                    c.First(options), after, c.CancellationToken))!;
                return Connections.Of([.. page.Items.Select(e => (e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e))], null, page.NextCursor is not null);
            });
    }

    private static Type ArgumentType(string a) =>
        Ints.Contains(a) ? typeof(IntGraphType) : a == "asOf" ? typeof(DateTimeGraphType) : a == "contributions" ? typeof(BooleanGraphType) : typeof(StringGraphType);

    private static void Add<TRecord>(ObjectGraphType query, string name, string description, string[] queryArgs, string[]? routeArgs = null,
        Func<IResolveFieldContext, Task<object?>>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(resolve); // every field names the read operation it resolves with
        var single = routeArgs is { Length: > 0 };
        var type = single ? typeof(AutoRegisteringObjectGraphType<TRecord>) : typeof(NonNullGraphType<AutoRegisteringObjectGraphType<TRecord>>);
        var field = query.Field(name, type).Description(description + (single ? " (null when the caller may not see it)" : ""));
        foreach (var r in routeArgs ?? []) field.Argument<NonNullGraphType<StringGraphType>>(r);
        foreach (var a in queryArgs) field.Argument(ArgumentType(a), a, x => x.Description = $"as REST's {a}");
        field.ResolveAsync(resolve!);
    }
}
