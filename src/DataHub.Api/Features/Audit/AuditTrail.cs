namespace DataHub.Api.Features.Audit;

/// <summary>
/// Records every write and every read of non-public data by someone other than its owner. Write events join the
/// write's own SaveChanges (so a failed write leaves no event); read events are stored before the read is answered,
/// by group commit (<see cref="AuditGroupCommit"/>: concurrent reads share one transaction), or — for a GraphQL
/// operation, whose fields read piece by piece — gathered and stored once the operation is done
/// (<see cref="GatherReads"/>, <see cref="FlushReadsAsync"/>): one event per owner and kind of read, not one per field.
/// </summary>
public sealed class AuditTrail(DataHubDb db, TimeProvider clock, AuditGroupCommit groupCommit)
{
    private Dictionary<(Caller Caller, string Owner, string What, string Surface), HashSet<Guid>>? _gathered;

    public const string Rest = "rest";
    public const string GraphQL = "graphql";

    /// <summary>The surface this request came in through; the GraphQL endpoint sets it, also for the operations its mutations run in scopes of their own.</summary>
    public string Surface { get; set; } = Rest;

    public void Write(Caller caller, string action, string resourceType, string? resourceId, string? dataOwner, int count = 1, string? detail = null, string? surface = null) =>
        db.AuditEvents.Add(Event(caller, action, resourceType, resourceId, dataOwner, count, detail, surface));

    private AuditEvent Event(Caller caller, string action, string resourceType, string? resourceId, string? dataOwner, int count, string? detail, string? surface) => new()
    {
        At = clock.GetUtcNow().UtcDateTime, Subject = caller.Subject, Organisation = caller.Organisation, Action = action, Surface = surface ?? Surface,
        ResourceType = resourceType, ResourceId = resourceId, DataOwner = dataOwner, RecordCount = count, Detail = detail,
    };

    /// <summary>Audits the non-public developments a caller was shown: one event per data owner.</summary>
    public Task ReadAsync(Caller caller, IEnumerable<DevelopmentVersion> shown, string what, CancellationToken ct, string? surface = null) =>
        ReadAsync(caller, shown.Select(ShownRecord.Of), what, ct, surface);

    /// <summary>Audits the non-public records a caller was shown (also those of a cached answer): one event per data owner.</summary>
    public async Task ReadAsync(Caller caller, IEnumerable<ShownRecord> shown, string what, CancellationToken ct, string? surface = null)
    {
        var foreign = shown.Where(v => v.Visibility != "public" && v.OwnerCode != caller.Organisation).ToList();
        if (foreign.Count == 0) return;
        var events = new List<AuditEvent>();
        foreach (var owner in foreign.GroupBy(v => v.OwnerCode))
        {
            if (_gathered is not null)
            {
                var key = (caller, owner.Key, what, surface ?? Surface);
                if (!_gathered.TryGetValue(key, out var ids)) _gathered[key] = ids = [];
                ids.UnionWith(owner.Select(v => v.DevelopmentId));
            }
            else events.Add(ReadEvent(caller, owner.Key, what, surface, owner.Select(v => v.DevelopmentId).Distinct().ToList()));
        }
        await groupCommit.AppendAsync(events).WaitAsync(ct);
    }

    /// <summary>From now on, reads are gathered until <see cref="FlushReadsAsync"/>.</summary>
    public void GatherReads() => _gathered ??= [];

    /// <summary>Stores the gathered reads, one event per owner and kind of read; runs also when the operation failed (what was read was read).</summary>
    public async Task FlushReadsAsync()
    {
        if (_gathered is not { Count: > 0 } gathered) return;
        var events = gathered.Select(g => ReadEvent(g.Key.Caller, g.Key.Owner, g.Key.What, g.Key.Surface, [.. g.Value.Order()])).ToList();
        gathered.Clear();
        await groupCommit.AppendAsync(events);
    }

    private AuditEvent ReadEvent(Caller caller, string owner, string what, string? surface, List<Guid> ids) =>
        Event(caller, "read", "development", ids.Count == 1 ? ids[0].ToString() : null, owner, ids.Count,
            $"{what}: {string.Join(",", ids.Take(20))}{(ids.Count > 20 ? ",…" : "")}", surface);
}
