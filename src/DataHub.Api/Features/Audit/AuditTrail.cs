using DataHub.Api.Access;
using DataHub.Api.Data;

namespace DataHub.Api.Features.Audit;

/// <summary>
/// Records every write and every read of non-public data by someone other than its owner. Write events join the
/// write's own SaveChanges (so a failed write leaves no event); read events are stored at once, or — for a GraphQL
/// operation, whose fields read piece by piece — gathered and stored once the operation is done
/// (<see cref="GatherReads"/>, <see cref="FlushReadsAsync"/>): one event per owner and kind of read, not one per field.
/// </summary>
public sealed class AuditTrail(DataHubDb db, TimeProvider clock)
{
    private Dictionary<(Caller Caller, string Owner, string What, string Surface), HashSet<Guid>>? _gathered;

    public const string Rest = "rest";
    public const string GraphQL = "graphql";

    /// <summary>The surface this request came in through; the GraphQL endpoint sets it, also for the REST operations it runs.</summary>
    public string Surface { get; set; } = Rest;

    public void Write(Caller caller, string action, string resourceType, string? resourceId, string? dataOwner, int count = 1, string? detail = null, string? surface = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime, Subject = caller.Subject, Organisation = caller.Organisation, Action = action, Surface = surface ?? Surface,
            ResourceType = resourceType, ResourceId = resourceId, DataOwner = dataOwner, RecordCount = count, Detail = detail,
        });

    /// <summary>Audits the non-public developments a caller was shown: one event per data owner.</summary>
    public async Task ReadAsync(Caller caller, IEnumerable<DevelopmentVersion> shown, string what, CancellationToken ct, string? surface = null)
    {
        var foreign = shown.Where(v => v.Visibility != "public" && v.OwnerCode != caller.Organisation).ToList();
        if (foreign.Count == 0) return;
        foreach (var owner in foreign.GroupBy(v => v.OwnerCode))
        {
            if (_gathered is not null)
            {
                var key = (caller, owner.Key, what, surface ?? Surface);
                if (!_gathered.TryGetValue(key, out var ids)) _gathered[key] = ids = [];
                ids.UnionWith(owner.Select(v => v.DevelopmentId));
            }
            else WriteRead(caller, owner.Key, what, surface, owner.Select(v => v.DevelopmentId).Distinct().ToList());
        }
        if (_gathered is null) await db.SaveChangesAsync(ct);
    }

    /// <summary>From now on, reads are gathered until <see cref="FlushReadsAsync"/>.</summary>
    public void GatherReads() => _gathered ??= [];

    /// <summary>Stores the gathered reads, one event per owner and kind of read; runs also when the operation failed (what was read was read).</summary>
    public async Task FlushReadsAsync()
    {
        if (_gathered is not { Count: > 0 } gathered) return;
        foreach (var ((caller, owner, what, surface), ids) in gathered) WriteRead(caller, owner, what, surface, [.. ids.Order()]);
        gathered.Clear();
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private void WriteRead(Caller caller, string owner, string what, string? surface, List<Guid> ids) =>
        Write(caller, "read", "development", ids.Count == 1 ? ids[0].ToString() : null, owner, ids.Count,
            $"{what}: {string.Join(",", ids.Take(20))}{(ids.Count > 20 ? ",…" : "")}", surface);
}
