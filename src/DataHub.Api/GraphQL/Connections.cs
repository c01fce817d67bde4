using System.Globalization;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;

namespace DataHub.Api.GraphQL;

/// <summary>A Relay connection with <c>totalCount</c>: edges with opaque cursors, nodes, and pageInfo.</summary>
public sealed class ConnectionGraphType<TNode> : ConnectionType<TNode, EdgeType<TNode>> where TNode : IGraphType
{
    public ConnectionGraphType()
    {
        Field<ListGraphType<TNode>>("nodes").Description("The nodes of the edges, for clients that need no cursors")
            .Resolve(c => (c.Source as INodes)?.Nodes);
    }
}

/// <summary>The nodes of a connection whatever their type (the graph type of a connection does not know its nodes' CLR type).</summary>
public interface INodes
{
    IEnumerable<object?> Nodes { get; }
}

/// <summary>The connection every list of the graph answers with.</summary>
public sealed class NodeConnection<T> : Connection<T>, INodes
{
    public IEnumerable<object?> Nodes => Edges?.Select(e => (object?)e.Node) ?? [];
}

public static class Connections
{
    public static Connection<T> Of<T>(IReadOnlyList<(string Cursor, T Node)> page, long? total, bool hasMore) => new NodeConnection<T>
    {
        TotalCount = total is { } t ? (int)Math.Min(t, int.MaxValue) : null,
        Edges = [.. page.Select(p => new Edge<T> { Cursor = p.Cursor, Node = p.Node })],
        PageInfo = new PageInfo { HasNextPage = hasMore, HasPreviousPage = false, StartCursor = page.FirstOrDefault().Cursor, EndCursor = page.Count > 0 ? page[^1].Cursor : null },
    };

    /// <summary>The <c>first</c> and <c>after</c> arguments every connection takes.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, GraphQLOptions options) =>
        field.Argument<IntGraphType>("first", $"page size, 1–{options.MaxPageSize} (default {options.DefaultPageSize})")
             .Argument<StringGraphType>("after", "the endCursor of the previous page");

    /// <summary>The page size asked for, within the limits.</summary>
    public static int First(this IResolveFieldContext c, GraphQLOptions options)
    {
        var first = c.GetArgument<int?>("first") ?? options.DefaultPageSize;
        if (first < 1 || first > options.MaxPageSize) throw new ExecutionError($"first is 1–{options.MaxPageSize}") { Code = "pageSize" };
        return first;
    }

    /// <summary>
    /// One page of a complete, ordered list (what a REST list answers whole): an edge's cursor is its position,
    /// so <c>after</c> continues behind it.
    /// </summary>
    public static Connection<T> Page<T>(IResolveFieldContext c, GraphQLOptions options, IReadOnlyList<T> all)
    {
        var first = c.First(options);
        var offset = c.GetArgument<string?>("after") is { } after
            ? int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : throw new ExecutionError("after is an endCursor of this list") { Code = "invalidCursor" }
            : 0;
        var page = all.Skip(offset).Take(first).Select((node, i) => ((offset + i + 1).ToString(CultureInfo.InvariantCulture), node)).ToList();
        return Of(page, all.Count, offset + page.Count < all.Count);
    }
}
