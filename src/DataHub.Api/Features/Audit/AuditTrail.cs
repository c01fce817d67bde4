using DataHub.Api.Access;
using DataHub.Api.Data;

namespace DataHub.Api.Features.Audit;

/// <summary>
/// Records every write and every read of non-public data by someone other than its owner. Write events join the
/// write's own SaveChanges (so a failed write leaves no event); read events are stored at once.
/// </summary>
public sealed class AuditTrail(DataHubDb db, TimeProvider clock)
{
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
            var ids = owner.Select(v => v.DevelopmentId).Distinct().ToList();
            Write(caller, "read", "development", ids.Count == 1 ? ids[0].ToString() : null, owner.Key, ids.Count,
                $"{what}: {string.Join(",", ids.Take(20))}{(ids.Count > 20 ? ",…" : "")}", surface);
        }
        await db.SaveChangesAsync(ct);
    }
}
