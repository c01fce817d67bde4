namespace DataHub.Api.Features.Audit;

/// <summary>A page of the audit trail, newest first; the next page starts behind <see cref="NextCursor"/> (an event id).</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventResponse> Items, long? NextCursor);

/// <summary>Read-only: an owner's OrgAdmin sees who accessed and changed its data; a HubAdmin sees everything.</summary>
public sealed class AuditReads(DataHubDb db)
{
    public async Task<Operations.Outcome<AuditEventPage>> ListAsync(AccessScope scope, string? since, int? limit, long? cursor, CancellationToken ct)
    {
        var caller = scope.Caller;
        if (RoleGates.Auditor.Check(scope) is { } denied) return denied;
        var hubAdmin = caller.Has(Roles.HubAdmin);
        if (limit is < 1 or > 1000) return Problems.Validation([new FieldError("", "outOfRange", "limit is 1–1000") { Parameter = "limit" }]);
        var rows = db.AuditEvents.AsNoTracking();
        if (!hubAdmin) rows = rows.Where(e => e.DataOwner == caller.Organisation);
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                return Problems.Validation([new FieldError("", "invalidFormat", "since is an RFC 3339 date-time") { Parameter = "since" }]);
            var from = t.UtcDateTime;
            rows = rows.Where(e => e.At >= from);
        }
        if (cursor is { } before) rows = rows.Where(e => e.Id < before);
        var take = limit ?? 100;
        var page = await rows.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        long? next = null;
        if (page.Count > take)
        {
            page.RemoveAt(take);
            next = page[^1].Id;
        }
        return new AuditEventPage([.. page.Select(e => new AuditEventResponse(e.Id, e.At, e.Subject, e.Organisation, e.Action, e.Surface, e.ResourceType,
            e.ResourceId, e.DataOwner, e.RecordCount, e.Detail))], next);
    }
}
