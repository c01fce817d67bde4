using System.Globalization;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.SharingAgreements;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Changes;

public sealed record ChangeEventResponse(long Sequence, string ResourceType, Guid Id, string Kind, int Version, DateTime At);

public sealed record ChangePage(IReadOnlyList<ChangeEventResponse> Events, string NextCursor, int NumberReturned, IReadOnlyList<Link> Links);

/// <summary>
/// GET /changes: every create, update and retire the caller may see, across all resources, in commit order.
/// Resumable: <c>nextCursor</c> is the last event examined, so the next page starts after it and no event is
/// skipped or repeated. Each event is shown under the access policy applied to the version it records.
/// </summary>
public static class ChangeEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", List).WithTags("Changes").WithName("listChanges")
            .WithSummary("The change feed: creates, updates and retires the caller may see, in order, from a cursor")
            .WithQuery("since", "cursor: the nextCursor of the previous page (0 or absent: from the start)")
            .WithQuery("limit", $"events per page (default {DefaultLimit}, at most {MaxLimit})", JsonSchemaType.Integer)
            .WithQuery("resourceType", $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes)}")
            .Produces<ChangePage>().WithProblems(400);
        return api;
    }

    public static async Task<IResult> List(HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var q = http.Request.Query;
        var errors = new List<FieldError>();
        long since = 0;
        if (q["since"].ToString() is { Length: > 0 } s && (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out since)))
            errors.Add(new FieldError("", "invalidCursor", "since is a cursor from a previous page's nextCursor") { Parameter = "since" });
        var limit = DefaultLimit;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors.Add(new FieldError("", "outOfRange", $"limit is 1–{MaxLimit}") { Parameter = "limit" });
        var types = q["resourceType"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var t in types.Where(t => Array.IndexOf(ChangeVisibility.ResourceTypes, t) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{t}' is not a resource type; use {string.Join(", ", ChangeVisibility.ResourceTypes)}") { Parameter = "resourceType" });
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");

        var scope = await access.CurrentAsync(ct);
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
        var baseUrl = Http.PageLinks.BaseUrl(http.Request);
        var links = new List<Link>
        {
            new($"{baseUrl}{http.Request.Path}{http.Request.QueryString}", "self", "application/json"),
            PageLinks.Next(http.Request, "application/json", ("since", cursor.ToString(CultureInfo.InvariantCulture)), ("limit", limit.ToString(CultureInfo.InvariantCulture))),
        };
        return TypedResults.Ok(new ChangePage(page, cursor.ToString(CultureInfo.InvariantCulture), page.Count, links));
    }
}
