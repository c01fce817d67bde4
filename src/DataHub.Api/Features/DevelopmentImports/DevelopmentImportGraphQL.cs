using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>The graph's development imports: the same operations as REST's /development-imports.</summary>
public static class DevelopmentImportGraphQL
{
    public static async Task<object?> GetAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<DevelopmentImportReads>().GetAsync(await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken), c.GetArgument<Guid>("id"),
            c.CancellationToken), nullWhenNotFound: true) is { } import ? DevelopmentImportReads.ToReport(import, BaseUrl(c)) : null;

    /// <summary>A GeoJSON FeatureCollection (the input, in contentCrs) imported as REST imports its body.</summary>
    public static Task<MutationResult> ImportAsync(IResolveFieldContext c)
    {
        var dryRun = c.GetArgument<bool?>("dryRun") ?? false;
        return c.WriteAsync(async (services, scope) =>
        {
            if (c.ContentCrs().Failed(out var crsProblem, out var crs)) return crsProblem;
            await using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(c.GetArgument<JsonElement>("input")));
            return await services.GetRequiredService<DevelopmentImporter>().ImportAsync(scope, "geojson", body, crs, dryRun, c.CancellationToken);
        }, done => MutationResults.Done(dryRun ? 200 : 201, null, dryRun ? null : done.Import.Id.ToString(),
            DevelopmentImportReads.ToReport(done.Import, BaseUrl(c), dryRun, done.FeatureCount)));
    }

    private static string BaseUrl(IResolveFieldContext c) => PageLinks.BaseUrl(c.Http().Request);
}
