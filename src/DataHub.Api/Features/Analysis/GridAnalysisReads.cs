using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Analysis;

/// <summary>Which energy areas an analysis read is about: one operator's, some by short code, some by id, or all.</summary>
public sealed record AreaSelection(string? Operator = null, IReadOnlyList<string>? ShortCodes = null, IReadOnlyList<Guid>? Ids = null)
{
    public static readonly AreaSelection All = new();

    public static AreaSelection Of(string? operatorCode, string? shortCodes) => new(string.IsNullOrEmpty(operatorCode) ? null : operatorCode,
        string.IsNullOrEmpty(shortCodes) ? null : shortCodes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The selected areas' indexes in the model.</summary>
    public List<int> In(GridModel model)
    {
        if (Ids is { } ids) return [.. ids.Select(model.Grid.IndexOf).Where(i => i >= 0)];
        return [.. Enumerable.Range(0, model.Grid.Areas.Count).Where(i =>
            (Operator is null || model.Grid.Areas[i].Operator == Operator) && (ShortCodes is null || ShortCodes.Contains(model.Grid.Areas[i].ShortCode)))];
    }
}

/// <summary>
/// Load per energy area against its capacity, the bottlenecks it causes and load per administrative area, for every
/// surface: answered from the shared <see cref="GridModel"/> (of now, or of the asOf moment) through the caller's
/// view. Developments it sees in detail count (stated energy only with detail access), those it may count in
/// aggregates only count under disclosure control, the rest not at all. What was counted is audited.
/// </summary>
public sealed class GridAnalysisReads(DataHubDb db, GridModelCache models, AuditTrail audit, IOptions<DataHubOptions> options)
{
    /// <summary>The analysis model of now, or of a past moment.</summary>
    public Task<GridModel> ModelAsync(DateTime? asOf, CancellationToken ct) => asOf is { } past ? models.AtAsync(db, past, ct) : models.CurrentAsync(db, ct);

    public async Task<AreaLoadResult> AreaLoadsAsync(AccessScope scope, AnalysisWindow window, AreaSelection areas, bool contributions, DateTime? asOf,
        CancellationToken ct, GridModel? model = null)
    {
        model ??= await ModelAsync(asOf, ct);
        var view = AnalysisView.For(scope);
        var ruleSet = model.RuleSetIndex(window.Rules.Id);
        var items = areas.In(model).SelectMany(a => model.Evaluate(a, view, ruleSet, window.From, window.To, window.Scenarios, contributions, options.Value.DisclosureControl))
            .Select(l => ToItem(model, l, contributions)).ToList();
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "area loads", ct);
        return new AreaLoadResult(window.Rules.Id, items, items.Count);
    }

    /// <summary>The bottlenecks of the selected areas, with the works that relieve them (as stated at the moment asked), first year first.</summary>
    public async Task<BottleneckResult> BottlenecksAsync(AccessScope scope, AnalysisWindow window, AreaSelection areas, DateTime? asOf, CancellationToken ct,
        GridModel? model = null, bool works = true)
    {
        model ??= await ModelAsync(asOf, ct);
        var selected = areas.In(model);
        var view = AnalysisView.For(scope);
        var found = selected.Count == 0 ? []
            : model.Bottlenecks(selected, view, model.RuleSetIndex(window.Rules.Id), window.From, window.To, window.Scenarios, options.Value.DisclosureControl).Bottlenecks;
        var worksOf = found.Count == 0 || !works ? [] : await WorksAsync([.. found.Select(b => b.AreaId).Distinct()], asOf, ct);
        var items = found
            .Select(b => new BottleneckItem(Ref(model.Grid.Areas[model.Grid.IndexOf(b.AreaId)]), b.Direction, b.Scenario, b.FirstYear, b.Shortfall, b.CausedBy,
                works ? Works(worksOf[b.AreaId], b.FirstYear) : []))
            .OrderBy(b => b.FirstYear).ThenBy(b => b.Area.Operator, StringComparer.Ordinal).ThenBy(b => b.Area.ShortCode, StringComparer.Ordinal)
            .ThenBy(b => b.Direction, StringComparer.Ordinal).ThenBy(b => b.Scenario, StringComparer.Ordinal).ToList();
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "bottlenecks", ct);
        return new BottleneckResult(window.Rules.Id, items, items.Count);
    }

    /// <summary>Load per municipality, RES region, province or the country, under disclosure control.</summary>
    public async Task<Outcome<AdminAreaLoadResult>> DevelopmentLoadsAsync(AccessScope scope, string level, AnalysisWindow window, IReadOnlyList<string>? areas,
        DateTime? asOf, CancellationToken ct)
    {
        if (Array.IndexOf(CodeLists.AreaLevels, level) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"level is one of {string.Join(", ", CodeLists.AreaLevels)}") { Parameter = "level" }]);
        // Every development the caller may count, everywhere: disclosure control needs the complete set of cells.
        var developments = (await db.DevelopmentVersions.AsNoTracking().LiveAt(asOf).Where(AccessPolicy.SeesAggregate(scope)).ToListAsync(ct))
            .Select(v => v.SeenAt(asOf)).ToList();
        await audit.ReadAsync(scope.Caller, developments, "development loads", ct);
        Func<DevelopmentVersion, bool> seesDetail = scope.SeesDetail;
        var located = developments.Select(v =>
        {
            var facts = DevelopmentFacts.Of(v);
            return new AreaLoadsByLevel.Located(scope.HasDetailAccess(v) ? facts : facts with { Energy = [] }, v.MunicipalityCode, v.ResRegionCode, v.ProvinceCode,
                AggregateOnly: !seesDetail(v));
        });
        var items = AreaLoadsByLevel.Compute(located, level, window.Rules, window.From, window.To, window.Scenarios, options.Value.DisclosureControl, areas);
        return new AdminAreaLoadResult(window.Rules.Id, level, items, items.Count);
    }

    /// <summary>The energy areas and the caller's visible developments inside them, ready for analysis.</summary>
    public async Task<(List<EnergyAreaVersion> Rows, List<GridArea> Areas, List<PlacedDevelopment> Developments)> PlacedAsync(
        AccessScope scope, Spatial.ISpatialQuery spatial, CancellationToken ct, string? operatorCode = null, string? areaCodes = null)
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
            var facts = DevelopmentFacts.Of(v);
            return new PlacedDevelopment(scope.HasDetailAccess(v) ? facts : facts with { Energy = [] }, v.Geometry);
        }).ToList();
        return (areaRows, gridAreas, placed);
    }

    /// <summary>
    /// The energy areas that serve these developments, as the analysis model assigns them by location (public data),
    /// in force at the moment asked: one query for any number of developments.
    /// </summary>
    public async Task<Dictionary<Guid, List<EnergyAreaVersion>>> ServingAreasAsync(IReadOnlyCollection<Guid> developments, GridModel model, DateTime? asOf, CancellationToken ct)
    {
        var areasOf = developments.ToDictionary(d => d, d => model.AreasOf(d).Distinct().ToList());
        var ids = areasOf.Values.SelectMany(a => a).Distinct().ToList();
        var rows = ids.Count == 0 ? [] : await db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => ids.Contains(a.AreaId)).ToDictionaryAsync(a => a.AreaId, ct);
        return areasOf.ToDictionary(kv => kv.Key, kv => kv.Value.Where(rows.ContainsKey).Select(a => rows[a])
            .OrderBy(a => a.OperatorCode, StringComparer.Ordinal).ThenBy(a => a.ShortCode, StringComparer.Ordinal).ToList());
    }

    /// <summary>An area's load in a year as every surface shows it.</summary>
    public static AreaLoadItem ToItem(GridModel model, AreaYearLoad l, bool contributions) =>
        new(Ref(model.Grid.Areas[model.Grid.IndexOf(l.AreaId)]), l.Year, l.Scenario, Round(l.PeakOfftakeMw), Round(l.PeakFeedInMw),
            Round(l.AnnualEnergyMwh), l.AvailableOfftakeMw, l.AvailableFeedInMw, l.OfftakeBySector.ToDictionary(kv => kv.Key, kv => Round(kv.Value)),
            contributions ? l.Contributions : null, l.AggregateOnlyDevelopments, l.AggregateOnlyWithheldBecause);

    /// <summary>The areas' works as they were stated at the moment asked (now, or asOf).</summary>
    private async Task<Dictionary<Guid, string>> WorksAsync(List<Guid> areas, DateTime? asOf, CancellationToken ct) =>
        await db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => areas.Contains(a.AreaId)).ToDictionaryAsync(a => a.AreaId, a => a.WorksJson, ct);

    /// <summary>The area's works with the year they complete, and whether that is before the bottleneck's first year.</summary>
    private static IReadOnlyList<RelievingWork> Works(string worksJson, int firstYear) =>
        [.. Grid.GridWorks.Read(worksJson).Select(w => new RelievingWork(w.ProjectName, w.Description, w.CompletionYear, w.CompletionYear is { } c && c <= firstYear))];

    private static AreaRef Ref(GridArea a) => new(a.Id, a.Operator, a.ShortCode);

    private static double Round(double v) => Math.Round(v, 6);
}
