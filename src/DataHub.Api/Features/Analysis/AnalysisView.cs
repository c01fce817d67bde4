namespace DataHub.Api.Features.Analysis;

/// <summary>What a development is to one caller: not counted, counted in totals only, or seen in detail (with or without its stated energy).</summary>
public enum Sight : byte { Unknown, None, AggregateOnly, Detail, DetailWithStatedEnergy }

/// <summary>
/// One caller's view of the model, for one request: the access policy's own predicates (compiled from the same
/// expressions the database evaluates) applied to each development once, and the non-public developments of other
/// owners it counted, for the audit trail.
/// </summary>
public sealed class AnalysisView
{
    private readonly Func<DevelopmentVersion, Sight> _sight;
    private readonly string? _organisation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ModelDevelopment, bool> _counted = new();
    private Sight[] _cache = [];
    [ThreadStatic] private static DevelopmentVersion? _scratch;

    private AnalysisView(Func<DevelopmentVersion, Sight> sight, string? organisation) => (_sight, _organisation) = (sight, organisation);

    public static AnalysisView For(Access.AccessScope scope)
    {
        return new(row => Access.AccessPolicy.SeesDetail(scope, row)
            ? (Access.AccessPolicy.HasDetailAccess(scope, row) ? Sight.DetailWithStatedEnergy : Sight.Detail)
            : Access.AccessPolicy.SeesAggregate(scope, row) ? Sight.AggregateOnly : Sight.None, scope.Organisation);
    }

    /// <summary>Everything in detail with stated energy: for benchmarks and the reference comparison, never for a caller.</summary>
    public static AnalysisView Everything() => new(_ => Sight.DetailWithStatedEnergy, null);

    /// <summary>The non-public developments of other owners that went into an answer: what the audit trail records.</summary>
    public IReadOnlyCollection<ModelDevelopment> Counted => [.. _counted.Keys];

    /// <summary>What a development is to this caller; decided once per development (safe to call from several threads).</summary>
    public Sight Of(ModelDevelopment d)
    {
        var cache = _cache;
        if (d.Index >= cache.Length)
            lock (_counted)
            {
                if (d.Index >= _cache.Length) _cache = [.. _cache, .. new Sight[Math.Max(d.Index + 1 - _cache.Length, _cache.Length)]];
                cache = _cache;
            }
        var s = cache[d.Index];
        if (s == Sight.Unknown) cache[d.Index] = s = _sight(d.AccessRow(_scratch ??= d.AccessRow()));
        return s;
    }

    internal void Prepare(int developments)
    {
        lock (_counted) if (_cache.Length < developments) _cache = [.. _cache, .. new Sight[developments - _cache.Length]];
    }

    internal void Count(ModelDevelopment d)
    {
        if (d.Visibility != "public" && d.Owner != _organisation) _counted.TryAdd(d, true);
    }
}
