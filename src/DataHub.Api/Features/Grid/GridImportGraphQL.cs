using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Grid;

/// <summary>The graph's grid imports: the same operations as REST's capacity-map, energy-area and station imports.</summary>
public static class GridImportGraphQL
{
    public static async Task<object?> CapacityMapImportAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<GridImportReads>().CapacityMapImportAsync(await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken), c.GetArgument<Guid>("id"),
            c.CancellationToken), nullWhenNotFound: true);

    public static Task<MutationResult> CapacityMapAsync(IResolveFieldContext c)
    {
        var dryRun = c.GetArgument<bool?>("dryRun") ?? false;
        return c.WriteAsync((services, scope) => services.GetRequiredService<GridImportWrites>().CapacityMapAsync(scope, c.GetArgument<JsonElement>("input"), dryRun, c.CancellationToken),
            report => MutationResults.Done(dryRun ? 200 : 201, null, report.Id?.ToString(), report));
    }

    public static Task<MutationResult> EnergyAreasAsync(IResolveFieldContext c)
    {
        var dryRun = c.GetArgument<bool?>("dryRun") ?? false;
        return c.WriteAsync(async (services, scope) => c.ContentCrs().Failed(out var crsProblem, out var crs) ? crsProblem
                : await services.GetRequiredService<GridImportWrites>().EnergyAreasAsync(scope, c.GetArgument<JsonElement>("input"), crs, dryRun, c.CancellationToken),
            report => MutationResults.Done(200, null, report.Id?.ToString(), report));
    }

    public static Task<MutationResult> StationsAsync(IResolveFieldContext c) =>
        c.WriteAsync(async (services, scope) => c.ContentCrs().Failed(out var crsProblem, out var crs) ? crsProblem
                : await services.GetRequiredService<GridImportWrites>().StationsAsync(scope, c.GetArgument<JsonElement>("input"), crs, c.CancellationToken),
            report => MutationResults.Done(200, null, null, report));
}
