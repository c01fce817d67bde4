using System.Globalization;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using DataHub.Api.GraphQL;
using DataHub.Api.Spatial;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.Features.Programme;

/// <summary>A (p)MIEK project: the fields of the national format, and what hangs off it — developments, areas, scores, progress.</summary>
public sealed class MiekProjectGraphType : AutoRegisteringObjectGraphType<MiekProjectResponse>
{
    public MiekProjectGraphType() : base(x => x.Geometry, x => x.Developments, x => x.EnergyAreas)
    {
        Name = "MiekProject";
        Description = "A (p)MIEK project with its fiche fields and decision (schemas/miek-project-list.schema.json). Asked asOf a moment, what hangs off it (developments, areas, assessment, progress) answers at that moment too.";
        Field<GeoJsonGraphType>("geometry").Argument<StringGraphType>("crs", "CRS84 (default), EPSG:28992 or EPSG:4258")
            .Resolve(c => c.Source.Geometry is null ? null : CrsTransform.FromCrs84(DevelopmentGraphQL.CrsOf(c), c.Source.Geometry));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("developmentIds").Description("The developments behind it, as the province linked them")
            .Resolve(c => c.Source.Developments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DevelopmentGraphType>>>>("developments").Description("The developments behind it that the caller may see (masked as in REST)")
            .Resolve(c => DevelopmentGraphQL.Loader(c, c.AsOf()).LoadMany(c.Source.Developments));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnergyAreaGraphType>>>>("energyAreas").Description("The energy areas it relates to")
            .Resolve(c => ProgrammeGraphQL.Areas(c).LoadMany(c.Source.EnergyAreas));
        Field<NonNullGraphType<AutoRegisteringObjectGraphType<MiekAssessment>>>("assessment").Description("Scores with rationale and author, the decision, their history and the hub's facts for criteria A and C (as GET /miek-projects/{id}/assessment)")
            .Resolve(c => ProgrammeGraphQL.Assessments(c).Load((c.Source.Id, c.Source.Version)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<ProgressUpdateResponse>>>>>("progressUpdates").Description("Half-yearly progress, oldest first")
            .Resolve(c => ProgrammeGraphQL.Progress(c).Load(c.Source.Id).Then(l => (IEnumerable<ProgressUpdateResponse>)(l ?? [])));
    }
}

public static class ProgrammeGraphQL
{
    public static readonly string[] SelectionArguments = ["cycle", "year", "province", "status", "asOf"];

    public static void AddQueries(ObjectGraphType query, GraphQLOptions options)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<AutoRegisteringObjectGraphType<ProgrammeCycleResponse>>>>("programmeCycles").Description("Programme cycles (public)")
            .PageArguments(options)
            .Argument<StringGraphType>("scope", "national or a province code").Argument<IntGraphType>("year").Argument<StringGraphType>("status", "open, frozen or published")
            .ResolveAsync(async c =>
            {
                c.First(options);
                var list = Answers.Of(await c.Service<ProgrammeCycleReads>().ListAsync(c.GetArgument<string?>("scope"), c.GetArgument<int?>("year"), c.GetArgument<string?>("status"),
                    c.CancellationToken))!;
                return Connections.Page(c, options, list.Items);
            });
        var projects = query.Field<NonNullGraphType<ConnectionGraphType<MiekProjectGraphType>>>("miekProjects")
            .Description("The (p)MIEK projects the caller may read, selected as GET /miek-projects (a national cycle: every province's cycle of its year)")
            .PageArguments(options).Argument<StringGraphType>("sort", $"as REST's sort: {MiekProjectSort.Description}");
        SelectionArgumentsOn(projects);
        projects.ResolveAsync(async c =>
        {
            c.First(options);
            var found = Answers.Of(await c.Service<MiekProjectReads>().ListAsync(await Scope(c), QueryOf(c), c.GetArgument<string?>("sort"), [], c.CancellationToken));
            return Connections.Page(c, options, found.Items);
        });
        query.Field<MiekProjectGraphType>("miekProject").Description("One project the caller may read (null otherwise), now or asOf (as GET /miek-projects/{id})")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<DateTimeGraphType>("asOf", "as REST's asOf")
            .ResolveAsync(async c => Answers.Of(await c.Service<MiekProjectReads>().GetAsync(await Scope(c), c.GetArgument<Guid>("id"), c.AsOf(), c.CancellationToken),
                nullWhenNotFound: true));
        var overview = query.Field<NonNullGraphType<AutoRegisteringObjectGraphType<MiekOverview>>>("miekOverview").Description("As GET /miek-overview");
        SelectionArgumentsOn(overview);
        overview.ResolveAsync(async c => Answers.Of(await c.Service<MiekProjectReads>().OverviewAsync(await Scope(c), QueryOf(c), c.CancellationToken)));
    }

    private static Task<AccessScope> Scope(IResolveFieldContext c) => c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);

    /// <summary>The projects the selection arguments ask for, read as REST reads its query.</summary>
    private static MiekProjectQuery QueryOf(IResolveFieldContext c)
    {
        Guid? cycle = null;
        if (c.GetArgument<string?>("cycle") is { } raw)
            cycle = Guid.TryParse(raw, out var id) ? id : throw Resolve.Invalid([new FieldError("", "invalidFormat", "cycle is a programme cycle id") { Parameter = "cycle" }]);
        return new MiekProjectQuery(cycle, c.GetArgument<int?>("year"), c.GetArgument<string?>("province"), c.GetArgument<string?>("status"), c.AsOf());
    }

    public static async Task<object?> CycleAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<ProgrammeCycleReads>().GetAsync(c.GetArgument<Guid>("id"), c.CancellationToken), nullWhenNotFound: true) is { } row
            ? ProgrammeCycleContracts.ToResponse(row) : null;

    /// <summary>What changed since a cycle's baseline, paged as REST pages it (limit, cursor; the next link carries REST's URL).</summary>
    public static async Task<object?> CycleChangesAsync(IResolveFieldContext c)
    {
        var id = c.GetArgument<Guid>("id");
        var limit = c.GetArgument<int?>("limit") ?? ProgrammeCycleReads.ChangesDefaultLimit;
        long cursor = 0;
        if (c.GetArgument<string?>("cursor") is { } raw && !long.TryParse(raw, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
            throw Resolve.Invalid([new FieldError("", "invalidCursor", "cursor is taken from the next link") { Parameter = "cursor" }]);
        var types = c.GetArgument<string?>("resourceType")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var page = Answers.Of(await c.Service<ProgrammeCycleReads>().ChangesAsync(await Scope(c), id, types, limit, cursor, c.CancellationToken), nullWhenNotFound: true);
        var baseUrl = PageLinks.BaseUrl(c.Http().Request);
        return page is null ? null : ProgrammeCycleContracts.ToChanges(page, next => new Link($"{baseUrl}/api/v1/programme-cycles/{id}/changes" + QueryString.Create(
            new Dictionary<string, string?>
            {
                ["resourceType"] = c.GetArgument<string?>("resourceType"), ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
                ["cursor"] = next.ToString(CultureInfo.InvariantCulture),
            }.Where(kv => kv.Value is not null)), "next", "application/json"));
    }

    public static async Task<object?> ProgressReportAsync(IResolveFieldContext c)
    {
        var (date, problem) = MiekProgressContracts.ReportDate(c.GetArgument<string?>("date"));
        if (problem is not null) return Answers.Of<ProgressReport>(problem.Problem);
        return Answers.Of(await c.Service<MiekProgressReads>().ReportAsync(await Scope(c), c.GetArgument<Guid>("id"), date, c.AsOf(), c.CancellationToken), nullWhenNotFound: true);
    }

    public static async Task<object?> FicheAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<MiekFicheReads>().GetAsync(await Scope(c), c.GetArgument<Guid>("id"), c.AsOf(), c.CancellationToken), nullWhenNotFound: true);

    public static async Task<object?> FrameworkAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<WeighingFrameworkReads>().GetAsync(c.GetArgument<string>("province"), c.CancellationToken), nullWhenNotFound: true);

    /// <summary>The arguments that select projects, by REST's names: cycle, year, province, status, asOf.</summary>
    private static void SelectionArgumentsOn<TSource, TReturn>(global::GraphQL.Builders.FieldBuilder<TSource, TReturn> field)
    {
        foreach (var a in SelectionArguments)
            field.Argument(a switch { "year" => typeof(IntGraphType), "asOf" => typeof(DateTimeGraphType), "cycle" => typeof(IdGraphType), _ => typeof(StringGraphType) }, a,
                x => x.Description = $"as REST's {a}");
    }

    /// <summary>
    /// The assessments of the projects (by id and version shown) of a query level, computed together: a few round trips
    /// in all; at the moment the projects were asked at.
    /// </summary>
    public static BatchLoader<(Guid, int), MiekAssessment> Assessments(IResolveFieldContext c)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().For<(Guid, int), MiekAssessment>($"assessments@{asOf:O}", async (keys, ct) =>
        {
            var db = c.Service<DataHubDb>();
            var ids = keys.Select(k => k.Item1).Distinct().ToList();
            var rows = (await db.MiekProjectVersions.AsNoTracking().Where(p => ids.Contains(p.ProjectId)).ToListAsync(ct))
                .Where(p => keys.Contains((p.ProjectId, p.Version))).ToList();
            var scope = await c.Service<AccessScopes>().CurrentAsync(ct);
            var view = AnalysisView.For(scope);
            var model = await GridGraphQL.ModelAsync(c);
            var assessments = await MiekAssessmentReads.AssessAsync(db, rows, scope, model, view, c.Service<IOptions<DataHubOptions>>().Value, ct, asOf: asOf);
            await c.Service<Audit.AuditTrail>().ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "graphql MIEK assessment", ct);
            return rows.Zip(assessments).ToDictionary(x => (x.First.ProjectId, x.First.Version), x => x.Second);
        });
    }

    /// <summary>The energy areas of a query level's projects, as they were at the moment the projects were asked at.</summary>
    public static BatchLoader<Guid, EnergyAreaVersion> Areas(IResolveFieldContext c)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().For<Guid, EnergyAreaVersion>($"energyAreas@{asOf:O}", async (ids, ct) =>
            await c.Service<DataHubDb>().EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => ids.Contains(a.AreaId)).ToDictionaryAsync(a => a.AreaId, ct));
    }

    /// <summary>The progress updates of a query level's projects, those recorded by the moment the projects were asked at.</summary>
    public static BatchLoader<Guid, List<ProgressUpdateResponse>> Progress(IResolveFieldContext c)
    {
        var asOf = c.AsOf();
        return c.Service<BatchLoaders>().For<Guid, List<ProgressUpdateResponse>>($"progress@{asOf:O}", async (ids, ct) =>
        {
            var rows = c.Service<DataHubDb>().MiekProgressUpdates.AsNoTracking().Where(u => ids.Contains(u.ProjectId));
            if (asOf is { } t) rows = rows.Where(u => u.RecordedAt <= t);
            return (await rows.ToListAsync(ct))
                .GroupBy(u => u.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.AsOfDate).ThenBy(u => u.RowId).Select(MiekProgressContracts.ToResponse).ToList());
        });
    }
}
