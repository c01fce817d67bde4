using System.Diagnostics;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// Keeps the <see cref="GridModel"/> of the current data for the whole process. Each analysis request reads the
/// data stamp (how many version rows there are and the last one, per table: versions are append-only, so any
/// committed write changes it). When only developments changed, and every row between the model and the database
/// is accounted for, the model is brought up to date with just those developments; otherwise (grid data changed,
/// a commit landed out of order, or many changes at once) it is rebuilt. Concurrent requests share one rebuild.
/// </summary>
public sealed class GridModelCache(ILogger<GridModelCache> log)
{
    /// <summary>Above this many changed versions a rebuild is as quick as applying them one by one.</summary>
    public const int IncrementalLimit = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private GridModel? _model;
    private readonly Dictionary<DateTime, GridModel> _past = [];
    private readonly Queue<DateTime> _pastOrder = new();
    /// <summary>Past moments kept (baselines are asked again and again; each model is the size of the current one).</summary>
    public const int PastModels = 4;

    /// <summary>
    /// The model of the data as it was at a past moment (a cycle's baseline): the versions in force then. Versions
    /// are never changed after the moment they are superseded, so the model of a past moment never changes either
    /// and is kept for the next question.
    /// </summary>
    public async Task<GridModel> AtAsync(DataHubDb db, DateTime asOf, CancellationToken ct)
    {
        lock (_past) if (_past.TryGetValue(asOf, out var kept)) return kept;
        var areaRows = await AnalysedAreas(db, asOf).OrderBy(a => a.OperatorCode).ThenBy(a => a.ShortCode).ToListAsync(ct);
        var developments = await db.DevelopmentVersions.AsNoTracking().LiveAt(asOf).ToListAsync(ct);
        var model = GridModel.Build(new GridAreas([.. areaRows.Select(ToGridArea)]), developments, RuleSetCatalogue.Instance.Sets, new DataStamp(0, 0, 0, 0));
        lock (_past)
        {
            if (_past.TryAdd(asOf, model)) _pastOrder.Enqueue(asOf);
            while (_pastOrder.Count > PastModels) _past.Remove(_pastOrder.Dequeue());
            return _past[asOf];
        }
    }

    public async Task<GridModel> CurrentAsync(DataHubDb db, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct);
        if (_model is { } ready && ready.Stamp == stamp) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            stamp = await StampAsync(db, ct);
            if (_model is { } model && model.Stamp == stamp) return model;
            var clock = Stopwatch.StartNew();
            if (_model is { } old && old.Stamp.AreaVersions == stamp.AreaVersions && old.Stamp.LastAreaRow == stamp.LastAreaRow
                && stamp.DevelopmentVersions - old.Stamp.DevelopmentVersions is > 0 and <= IncrementalLimit)
            {
                var rows = await db.DevelopmentVersions.AsNoTracking().Where(v => v.RowId > old.Stamp.LastDevelopmentRow && v.RowId <= stamp.LastDevelopmentRow).ToListAsync(ct);
                if (old.Stamp.DevelopmentVersions + rows.Count == stamp.DevelopmentVersions)
                {
                    var latest = rows.GroupBy(v => v.DevelopmentId).Select(g => g.MaxBy(v => v.Version)!).ToList();
                    _model = old.With(latest, stamp);
                    log.LogInformation("Analysis model updated with {Count} developments in {Ms} ms", latest.Count, clock.ElapsedMilliseconds);
                    Http.Telemetry.AnalysisModelDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", "incremental"));
                    return _model;
                }
            }
            _model = await BuildAsync(db, stamp, ct);
            log.LogInformation("Analysis model built: {Developments} developments, {Areas} energy areas in {Ms} ms",
                _model.Count, _model.Grid.Areas.Count, clock.ElapsedMilliseconds);
            Http.Telemetry.AnalysisModelDuration.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", "full"));
            return _model;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static async Task<DataStamp> StampAsync(DataHubDb db, CancellationToken ct) => new(
        await db.DevelopmentVersions.LongCountAsync(ct), await db.DevelopmentVersions.MaxAsync(v => (long?)v.RowId, ct) ?? 0,
        await db.EnergyAreaVersions.LongCountAsync(ct), await db.EnergyAreaVersions.MaxAsync(v => (long?)v.RowId, ct) ?? 0);

    private static async Task<GridModel> BuildAsync(DataHubDb db, DataStamp stamp, CancellationToken ct)
    {
        var areaRows = await AnalysedAreas(db).Where(a => a.RowId <= stamp.LastAreaRow)
            .OrderBy(a => a.OperatorCode).ThenBy(a => a.ShortCode).ToListAsync(ct);
        var grid = new GridAreas([.. areaRows.Select(ToGridArea)]);
        // Rows committed after the stamp was read are left for the next request, which sees a new stamp.
        var developments = await db.DevelopmentVersions.AsNoTracking()
            .Where(v => v.ValidTo == null && !v.IsRetired && v.RowId <= stamp.LastDevelopmentRow).ToListAsync(ct);
        return GridModel.Build(grid, developments, RuleSetCatalogue.Instance.Sets, stamp);
    }

    /// <summary>
    /// The areas analysed: current energy areas with a boundary. TSO congestion areas span many of them and are
    /// linked by code, not analysed as a second layer (a development would count twice).
    /// </summary>
    public static IQueryable<EnergyAreaVersion> AnalysedAreas(DataHubDb db, DateTime? asOf = null) =>
        db.EnergyAreaVersions.AsNoTracking().InForceAt(asOf).Where(a => a.Geometry != null && a.Kind == "energy_area");

    public static GridArea ToGridArea(EnergyAreaVersion a) => new(a.AreaId, a.OperatorCode, a.ShortCode, a.Geometry!,
        JsonSerializer.Deserialize<List<CapacityYear>>(a.CapacityJson, DevelopmentMapping.StoredJson)!);
}
