using DataHub.Api.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace DataHub.Api.Features.Changes;

public static class ChangeGraphQL
{
    /// <summary>The change feed as REST gives it (same page, same cursor, same access): GET /changes runs underneath.</summary>
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AutoRegisteringObjectGraphType<ChangePage>>>("changes")
            .Description("Creates, updates and retires the caller may see, in order, from a cursor (the nextCursor of the previous page)")
            .Argument<StringGraphType>("since").Argument<IntGraphType>("limit").Argument<StringGraphType>("resourceType")
            .ResolveAsync(async c => (await RestReads.GetAsync<ChangePage>(c, "listChanges", c.AsQuery("since", "limit", "resourceType")))!);
    }
}
