using DataHub.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.Features.Changes;

public static class ChangeGraphQL
{
    /// <summary>The change feed as REST gives it (same page, same cursor, same access): both call <see cref="ChangeReads"/>.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AutoRegisteringObjectGraphType<ChangePage>>>("changes")
            .Description("Creates, updates and retires the caller may see, in order, from a cursor (the nextCursor of the previous page)")
            .Argument<StringGraphType>("since").Argument<IntGraphType>("limit").Argument<StringGraphType>("resourceType")
            .ResolveAsync(async c =>
            {
                var query = c.AsQuery("since", "limit", "resourceType").ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
                var page = Answers.Of(await c.Service<ChangeReads>().ListAsync(await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken),
                    query.GetValueOrDefault("since"), query.GetValueOrDefault("limit"), query.GetValueOrDefault("resourceType"), c.CancellationToken))!;
                return ChangeReads.ToPage(page, PageLinks.BaseUrl(c.Http().Request), query);
            });
    }
}
