using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Analysis;

/// <summary>The graph's analysis fields: the same operations as GET /area-loads, /bottlenecks and /development-loads.</summary>
public static class GridAnalysisGraphQL
{
    public static async Task<object?> AreaLoadsAsync(IResolveFieldContext c)
    {
        var (window, asOf, scope) = await ReadAsync(c);
        return await c.Service<GridAnalysisReads>().AreaLoadsAsync(scope, window, Areas(c), c.GetArgument<bool?>("contributions") ?? false, asOf, c.CancellationToken,
            await Grid.GridGraphQL.ModelAsync(c));
    }

    public static async Task<object?> BottlenecksAsync(IResolveFieldContext c)
    {
        var (window, asOf, scope) = await ReadAsync(c);
        return await c.Service<GridAnalysisReads>().BottlenecksAsync(scope, window, Areas(c), asOf, c.CancellationToken, await Grid.GridGraphQL.ModelAsync(c));
    }

    public static async Task<object?> DevelopmentLoadsAsync(IResolveFieldContext c)
    {
        var (window, asOf, scope) = await ReadAsync(c);
        var areas = c.GetArgument<string?>("area") is { Length: > 0 } codes ? codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var result = await c.Service<GridAnalysisReads>().DevelopmentLoadsAsync(scope, c.GetArgument<string?>("level") ?? "province", window, areas, asOf, c.CancellationToken);
        return Answers.Of(result);
    }

    /// <summary>A development's load series (null when the caller may not see the development), as GET /developments/{id}/load.</summary>
    public static async Task<object?> DevelopmentLoadAsync(IResolveFieldContext c)
    {
        var (window, errors) = AnalysisWindow.Read(c.GetArgument<string?>("ruleSet"), null, c.GetArgument<int?>("fromYear"), c.GetArgument<int?>("toYear"));
        if (window is null) throw Resolve.Invalid(errors, "The query is not valid");
        var scope = await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
        var row = (await c.Service<Developments.DevelopmentReads>().GetAsync(scope, Guid.Parse(c.GetArgument<string>("id")), null, c.CancellationToken)).Value;
        return row is null ? null : DevelopmentLoadSeries.Of(row, window, scope.HasDetailAccess(row));
    }

    private static AreaSelection Areas(IResolveFieldContext c) => AreaSelection.Of(c.GetArgument<string?>("operator"), c.GetArgument<string?>("area"));

    private static async Task<(AnalysisWindow Window, DateTime? AsOf, AccessScope Scope)> ReadAsync(IResolveFieldContext c)
    {
        var (window, errors) = AnalysisWindow.Read(c.GetArgument<string?>("ruleSet"), c.GetArgument<string?>("scenario"), c.GetArgument<int?>("fromYear"), c.GetArgument<int?>("toYear"));
        if (window is null) throw Resolve.Invalid(errors, "The query is not valid");
        return (window, c.AsOf(), await c.Service<AccessScopes>().CurrentAsync(c.CancellationToken));
    }
}
