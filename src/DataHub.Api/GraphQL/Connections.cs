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
            .Resolve(c => ((System.Collections.IEnumerable?)c.Source?.GetType().GetProperty("Items")?.GetValue(c.Source))?.Cast<object>().ToList());
    }
}

public static class Connections
{
    public static Connection<T> Of<T>(IReadOnlyList<(string Cursor, T Node)> page, long total, bool hasMore) => new()
    {
        TotalCount = (int)Math.Min(total, int.MaxValue),
        Edges = [.. page.Select(p => new Edge<T> { Cursor = p.Cursor, Node = p.Node })],
        PageInfo = new PageInfo { HasNextPage = hasMore, HasPreviousPage = false, StartCursor = page.FirstOrDefault().Cursor, EndCursor = page.Count > 0 ? page[^1].Cursor : null },
    };
}
