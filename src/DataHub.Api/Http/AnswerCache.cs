using DataHub.Api.Features.Changes;
using Microsoft.Extensions.Caching.Memory;

namespace DataHub.Api.Http;

/// <summary>
/// A read's answer as it was sent: the body's bytes, its media type and headers, and the non-public records it showed
/// (their reads are audited again on every hit).
/// </summary>
public sealed record CachedAnswer(byte[] Body, string ContentType, IReadOnlyList<(string Name, string Value)> Headers, IReadOnlyList<ShownRecord> Shown)
{
    public IResult ToResult(HttpContext http)
    {
        foreach (var (name, value) in Headers) http.Response.Headers[name] = value;
        return Results.Bytes(Body, ContentType);
    }
}

/// <summary>A record an answer showed, as the audit trail needs it.</summary>
public readonly record struct ShownRecord(Guid DevelopmentId, string OwnerCode, string Visibility)
{
    public static ShownRecord Of(DevelopmentVersion v) => new(v.DevelopmentId, v.OwnerCode, v.Visibility);
}

/// <summary>
/// Serialised answers of hot reads (the development list), kept in memory and reused while nothing they depend on has
/// changed. An answer is a function of the request URL (scheme, host, path, query), the caller's access scope and the
/// stored data, so the key is exactly those:
/// - the URL, byte for byte;
/// - the caller's scope fingerprint (<see cref="AccessScope.Fingerprint"/>: organisation, its type, roles, today, and
///   the content of every grant row in force for it), so no answer is ever shown to a caller whose scope differs;
/// - the change feed's head (<see cref="ChangeFeed.HeadAsync"/>), read from the database on every request: every write
///   of a version row, agreements included, appends to it in its own transaction, so a write through any hub node
///   moves the head and the next read, on any node, builds a fresh answer.
/// A hit costs the head query and the caller's scope (which is needed anyway); the read is still audited by the caller
/// (the hit hands back the records it showed). Size-bounded (<see cref="LimitOptions.AnswerCacheMegabytes"/>, 0 turns
/// it off); entries of an old head are never asked for again and age out.
/// </summary>
public sealed class AnswerCache : IDisposable
{
    private readonly MemoryCache? _entries;

    public AnswerCache(IOptions<DataHubOptions> options)
    {
        var megabytes = options.Value.Limits.AnswerCacheMegabytes;
        if (megabytes > 0) _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024 });
    }

    /// <summary>
    /// The answer for this request, operation and scope at the data's current head: from memory, or built by
    /// <paramref name="build"/> and kept. The caller still audits <see cref="CachedAnswer.Shown"/>.
    /// </summary>
    public async Task<CachedAnswer> GetOrBuildAsync(DataHubDb db, string operation, HttpRequest request, AccessScope scope,
        Func<Task<CachedAnswer>> build, CancellationToken ct)
    {
        if (_entries is null) return await build();
        // The head is read before the answer is built (the scope's, when it read one), so an entry never holds data
        // older than its key says.
        var head = scope.Head ?? await ChangeFeed.HeadAsync(db, ct);
        var key = string.Join('\n', operation, head.ToString(System.Globalization.CultureInfo.InvariantCulture), scope.Fingerprint,
            $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}");
        if (_entries.TryGetValue(key, out CachedAnswer? hit) && hit is not null)
        {
            Telemetry.AnswerCacheHits.Add(1);
            return hit;
        }
        Telemetry.AnswerCacheMisses.Add(1);
        var answer = await build();
        _entries.Set(key, answer, new MemoryCacheEntryOptions
        {
            Size = answer.Body.Length + key.Length * 2 + answer.Shown.Count * 64,
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
        return answer;
    }

    public void Dispose() => _entries?.Dispose();
}
