using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Analysis;

/// <summary>The graph's quickscans: the same operations as REST's /quickscans.</summary>
public static class QuickscanGraphQL
{
    public static async Task<QuickscanList> ListAsync(IResolveFieldContext c)
    {
        return Answers.Of(await c.Service<QuickscanReads>().ListAsync(await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken), c.CancellationToken))!;
    }

    /// <summary>One of the caller's quickscans, or null (another organisation's is not found).</summary>
    public static async Task<object?> GetAsync(IResolveFieldContext c)
    {
        return Answers.Of(await c.Service<QuickscanReads>().GetAsync(await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken), c.GetArgument<Guid>("id"), c.CancellationToken),
            nullWhenNotFound: true);
    }

    public static Task<MutationResult> CreateAsync(IResolveFieldContext c) => c.InOwnScopeAsync(async services =>
    {
        var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
        var created = await services.GetRequiredService<QuickscanWrites>().CreateAsync(scope, c.GetArgument<JsonElement>("input"), Spatial.Crs.Crs84, c.CancellationToken);
        return created.Problem is { } problem ? MutationResults.Refused(problem) : MutationResults.Done(201, null, created.Value!.Id.ToString(), created.Value);
    });
}
