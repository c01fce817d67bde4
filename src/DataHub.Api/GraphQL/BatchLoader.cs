using GraphQL.DataLoader;

namespace DataHub.Api.GraphQL;

/// <summary>
/// The request's batch loaders, one per name: a list-valued or reference field asks its loader for a key, and every
/// key asked for while a level of the query resolves is fetched in one round trip. Written by hand (the brief names
/// it ours: GraphQL.NET's own loaders come with the GraphQL.Server stack that is not served here); small on purpose.
/// </summary>
public sealed class BatchLoaders
{
    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _once = new(StringComparer.Ordinal);

    /// <summary>Forgets what was loaded: each operation of a batch starts afresh (an earlier one may have written).</summary>
    public void Reset()
    {
        _loaders.Clear();
        _once.Clear();
    }

    /// <summary>A value computed once per request (e.g. the analysis model and its data stamp), however many fields ask.</summary>
    public Task<T> Once<T>(string name, Func<Task<T>> compute)
    {
        if (!_once.TryGetValue(name, out var task)) _once[name] = task = compute();
        return (Task<T>)task;
    }

    public BatchLoader<TKey, TValue> For<TKey, TValue>(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        if (!_loaders.TryGetValue(name, out var loader)) _loaders[name] = loader = new BatchLoader<TKey, TValue>(fetch);
        return (BatchLoader<TKey, TValue>)loader;
    }
}

/// <summary>Collects keys; the first result asked for fetches every pending key at once; answers are kept for the request.</summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch) where TKey : notnull
{
    private readonly List<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue> _found = [];
    private readonly HashSet<TKey> _fetched = [];

    /// <summary>How many round trips this loader made (for tests and logs).</summary>
    public int Batches { get; private set; }

    /// <summary>Many keys at once; the values found, in the order asked (keys without a value are left out).</summary>
    public IDataLoaderResult<List<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var all = keys.Select(Load).ToList();
        return new Many(all);
    }

    private sealed class Many(List<IDataLoaderResult<TValue?>> all) : IDataLoaderResult<List<TValue>>
    {
        public async Task<List<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var found = new List<TValue>();
            foreach (var r in all) if (await r.GetResultAsync(cancellationToken) is { } v) found.Add(v);
            return found;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_fetched.Contains(key) && !_pending.Contains(key)) _pending.Add(key);
        return new Result(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        if (!_fetched.Contains(key))
        {
            var keys = _pending.Where(k => !_fetched.Contains(k)).Distinct().ToList();
            if (!keys.Contains(key)) keys.Add(key);
            _pending.Clear();
            Batches++;
            foreach (var (k, v) in await fetch(keys, ct)) _found[k] = v;
            foreach (var k in keys) _fetched.Add(k);
        }
        return _found.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

public static class DataLoaderResults
{
    /// <summary>A loader result passed through a function once it is there.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> next) => new Mapped<T, TResult>(result, next);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> next) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => next(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
