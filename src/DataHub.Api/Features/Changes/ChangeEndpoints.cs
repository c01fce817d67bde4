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
            .WithProblems(400);
        return api;
    }

    private static string LimitText => $"events per page (default {ChangeReads.DefaultLimit}, at most {ChangeReads.MaxLimit})";
    private static string ResourceTypeText => $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes)}";

    /// <summary>The change feed's query: from which cursor, how many, of which resource types.</summary>
    private sealed record ListQuery(
        [property: FromQuery(Name = "since"), Description("cursor: the nextCursor of the previous page (0 or absent: from the start)")] string? Since,
        [property: FromQuery(Name = "limit"), DescribedBy(typeof(ChangeEndpoints), nameof(LimitText))] int? Limit,
        [property: FromQuery(Name = "resourceType"), DescribedBy(typeof(ChangeEndpoints), nameof(ResourceTypeText))] string? ResourceType);

    private static async Task<Results<Ok<ChangePage>, ProblemResult>> List([AsParameters] ListQuery query, HttpContext http, ChangeReads reads, AccessScopes access, CancellationToken ct)
    {
        var page = await reads.ListAsync(await access.CurrentAsync(ct), query.Since, query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), query.ResourceType, ct);
        if (page.Failed(out var problem, out var found)) return problem;
        var asked = http.Request.Query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        return TypedResults.Ok(ChangeReads.ToPage(found, PageLinks.BaseUrl(http.Request), asked));
    }
}
