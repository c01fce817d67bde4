namespace DataHub.Api.Features.Audit;

public sealed record AuditEventResponse(long Id, DateTime At, string Subject, string? Organisation, string Action, string Surface,
    string ResourceType, string? ResourceId, string? DataOwner, int RecordCount, string? Detail);

public sealed record AuditEventList(IReadOnlyList<AuditEventResponse> Items, int NumberReturned, IReadOnlyList<Developments.Link> Links);

/// <summary>Read-only: an owner's OrgAdmin sees who accessed and changed its data; a HubAdmin sees everything.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", List).WithTags("Audit").WithName("listAuditEvents").RequireGate(RoleGates.Auditor)
            .WithSummary("Audit events about the caller's organisation's data (OrgAdmin) or all (HubAdmin), newest first")
            .WithQuery("since", "only events at or after this moment (RFC 3339)", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .WithQuery("limit", "page size, 1–1000 (default 100)", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("cursor", "where the page starts; take it from the next link")
            .Produces<AuditEventList>().WithProblems(400, 401, 403);
        return api;
    }

    private static async Task<IResult> List(string? since, int? limit, long? cursor, HttpContext http, AuditReads reads, AccessScopes access, CancellationToken ct)
    {
        if ((await reads.ListAsync(await access.CurrentAsync(ct), since, limit, cursor, ct)).Failed(out var problem, out var page)) return problem;
        var links = new List<Developments.Link>();
        if (page.NextCursor is { } next)
            links.Add(PageLinks.Next(http.Request, "application/json", ("limit", page.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("cursor", next.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return TypedResults.Ok(new AuditEventList(page.Items, page.Items.Count, links));
    }
}

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
