using DataHub.Api.Features.Changes;
using Microsoft.Extensions.Caching.Memory;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// How many developments a filter matches for a caller, kept while the data has not changed: the key is the change
/// feed's head (every write of a version row, agreements included, moves it), the caller's scope fingerprint and the
/// filter's <see cref="DevelopmentFilter.MatchKey"/>, as the answer cache keys its answers. A count is exact for its
/// head; paging through a national set (GDAL's copy, a GIS layer) counts once instead of on every page.
/// </summary>
public sealed class MatchCounts : IDisposable
{
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<long> GetOrCountAsync(DataHubDb db, AccessScope scope, string filter, Func<Task<long>> count, CancellationToken ct)
    {
        var head = scope.Head ?? await ChangeFeed.HeadAsync(db, ct);
        var key = string.Join('\n', head.ToString(System.Globalization.CultureInfo.InvariantCulture), scope.Fingerprint, filter);
        if (_counts.TryGetValue(key, out long kept)) return kept;
        var counted = await count();
        _counts.Set(key, counted, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return counted;
    }

    public void Dispose() => _counts.Dispose();
}
