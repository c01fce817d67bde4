using System.ComponentModel.DataAnnotations;

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
            .WithProblems(400, 401, 403);
        return api;
    }

    /// <summary>The audit trail's query: from when, how many, from where.</summary>
    private sealed record ListQuery(
        [property: FromQuery(Name = "since"), Description("only events at or after this moment (RFC 3339)"), DataType(DataType.DateTime)] string? Since,
        [property: FromQuery(Name = "limit"), Description("page size, 1–1000 (default 100)")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("where the page starts; take it from the next link")] long? Cursor);

    private static async Task<Results<Ok<AuditEventList>, ProblemResult>> List([AsParameters] ListQuery query, HttpContext http, AuditReads reads, AccessScopes access, CancellationToken ct)
    {
        if ((await reads.ListAsync(await access.CurrentAsync(ct), query.Since, query.Limit, query.Cursor, ct)).Failed(out var problem, out var page)) return problem;
        var links = new List<Developments.Link>();
        if (page.NextCursor is { } next)
            links.Add(PageLinks.Next(http.Request, "application/json", ("limit", page.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("cursor", next.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return TypedResults.Ok(new AuditEventList(page.Items, page.Items.Count, links));
    }
}
