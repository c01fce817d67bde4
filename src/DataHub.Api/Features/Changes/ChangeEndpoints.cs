using DataHub.Api.Features.Developments;
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
    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", List).WithTags("Changes").WithName("listChanges")
            .WithSummary("The change feed: creates, updates and retires the caller may see, in order, from a cursor")
            .WithQuery("since", "cursor: the nextCursor of the previous page (0 or absent: from the start)")
            .WithQuery("limit", $"events per page (default {ChangeReads.DefaultLimit}, at most {ChangeReads.MaxLimit})", JsonSchemaType.Integer)
            .WithQuery("resourceType", $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes)}")
            .Produces<ChangePage>().WithProblems(400);
        return api;
    }

    private static async Task<IResult> List(HttpContext http, ChangeReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var page = await reads.ListAsync(await access.CurrentAsync(ct), q["since"], q["limit"], q["resourceType"], ct);
        if (page.Failed(out var problem, out var found)) return problem;
        var query = q.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        return TypedResults.Ok(ChangeReads.ToPage(found, PageLinks.BaseUrl(http.Request), query));
    }
}
