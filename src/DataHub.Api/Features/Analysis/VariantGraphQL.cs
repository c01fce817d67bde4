using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Analysis;

/// <summary>The graph's variants: the same operations as REST's /variants.</summary>
public static class VariantGraphQL
{
    public static async Task<VariantList> ListAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<VariantReads>().ListAsync(await ScopeAsync(c), c.CancellationToken))!;

    public static async Task<object?> GetAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<VariantReads>().GetAsync(await ScopeAsync(c), c.GetArgument<Guid>("id"), c.CancellationToken), nullWhenNotFound: true);

    public static async Task<object?> CompareAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<VariantReads>().CompareAsync(await ScopeAsync(c), c.GetArgument<Guid>("id"), c.GetArgument<string?>("with"), c.GetArgument<string?>("scenario"),
            c.GetArgument<int?>("fromYear"), c.GetArgument<int?>("toYear"), c.CancellationToken), nullWhenNotFound: true);

    public static Task<MutationResult> CreateAsync(IResolveFieldContext c) => c.InOwnScopeAsync(async services =>
    {
        var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
        var created = await services.GetRequiredService<VariantWrites>().CreateAsync(scope, c.GetArgument<JsonElement>("input"), Spatial.Crs.Crs84, c.CancellationToken);
        return created.Problem is { } problem ? MutationResults.Refused(problem) : MutationResults.Done(201, null, created.Value!.Id.ToString(), created.Value);
    });

    private static Task<AccessScope> ScopeAsync(IResolveFieldContext c) => c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
}
