using System.Globalization;
using DataHub.Api.Features.Audit;

namespace DataHub.Api.Features.Changes;

/// <summary>A page of the change feed: the events shown, the cursor after the last one examined, and the page size asked.</summary>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeEventResponse> Events, long Cursor, int Limit);

/// <summary>
/// The change feed, for every surface: every create, update and retire the caller may see, across all resources, in
/// commit order. Resumable: the cursor is the last event examined, so the next page starts after it and no event is
/// skipped or repeated. Each event is shown under the access policy applied to the version it records.
/// </summary>
public sealed class ChangeReads(DataHubDb db, AuditTrail audit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<Outcome<ChangeFeedPage>> ListAsync(AccessScope scope, string? sinceText, string? limitText, string? resourceTypes, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        long since = 0;
        if (sinceText is { Length: > 0 } s && (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out since)))
            errors.Add(new FieldError("", "invalidCursor", "since is a cursor from a previous page's nextCursor") { Parameter = "since" });
        var limit = DefaultLimit;
        if (limitText is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors.Add(new FieldError("", "outOfRange", $"limit is 1–{MaxLimit}") { Parameter = "limit" });
        var types = (resourceTypes ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var t in types.Where(t => Array.IndexOf(ChangeVisibility.ResourceTypes, t) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{t}' is not a resource type; use {string.Join(", ", ChangeVisibility.ResourceTypes)}") { Parameter = "resourceType" });
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");

        var events = db.ChangeEvents.AsNoTracking();
        if (types.Length > 0) events = events.Where(e => types.Contains(e.ResourceType));
        var cursor = since;
        var page = new List<ChangeEventResponse>();
        var shown = new List<DevelopmentVersion>();
        // Hidden events are passed over, a bounded number per request so that a page stays quick.
        for (var scanned = 0; page.Count < limit && scanned < 10 * limit;)
        {
            var after = cursor;
            var batch = await events.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(limit).ToListAsync(ct);
            if (batch.Count == 0) break;
            scanned += batch.Count;
            var (visible, developments) = await ChangeVisibility.VisibleAsync(db, scope, batch, ct);
            foreach (var e in batch)
            {
                if (page.Count == limit) break;
                cursor = e.Sequence;
                if (!visible.Contains(e.Sequence)) continue;
                page.Add(new ChangeEventResponse(e.Sequence, e.ResourceType, e.ResourceId, e.Kind, e.Version, e.At));
                if (developments.TryGetValue((e.ResourceId, e.Version), out var row)) shown.Add(row);
            }
            if (batch.Count < limit) break;
        }
        await audit.ReadAsync(scope.Caller, shown, "change feed", ct);
        return new ChangeFeedPage(page, cursor, limit);
    }

    /// <summary>The page as both surfaces answer it, with its self and next links to GET /changes (the query asked, the cursor moved on).</summary>
    public static ChangePage ToPage(ChangeFeedPage page, string baseUrl, IDictionary<string, string?> query)
    {
        var cursor = page.Cursor.ToString(CultureInfo.InvariantCulture);
        var next = new Dictionary<string, string?>(query) { ["since"] = cursor, ["limit"] = page.Limit.ToString(CultureInfo.InvariantCulture) };
        var links = new List<Developments.Link>
        {
            new($"{baseUrl}/api/v1/changes{QueryString.Create(query)}", "self", "application/json"),
            new($"{baseUrl}/api/v1/changes{QueryString.Create(next)}", "next", "application/json"),
        };
        return new ChangePage(page.Events, cursor, page.Events.Count, links);
    }
}
