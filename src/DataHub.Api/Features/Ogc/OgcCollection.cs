using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>A property of a collection's features: its JSON Schema type, what it says, and whether <c>name=value</c> filters on it (a queryable).</summary>
public sealed record OgcProperty(string Name, string Type, string Description, string? Format = null, bool Filterable = false);

/// <summary>A feature as OGC API – Features serves it: flat properties (GIS tools read columns, not nested objects).</summary>
public sealed record OgcFeature(string Id, Geometry? Geometry, IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// One page of items: the features, how many match in all (null when counting would be slow: omitted, never
/// estimated), and the cursor of the next page (null on the last).
/// </summary>
public sealed record OgcPage(IReadOnlyList<OgcFeature> Features, long? NumberMatched, string? NextCursor);

/// <summary>
/// A collection of OGC API – Features over a feature's read operations: the reads decide what the caller sees (the
/// access policy, audit), the collection only maps OGC's request onto them and their rows onto flat features.
/// To add a collection: implement this beside the feature's reads and register it in <see cref="OgcSetup"/>.
/// </summary>
public interface IOgcCollection
{
    string Id { get; }
    string Title { get; }
    string Description { get; }
    /// <summary>The CRS the hub stores its geometries in (Part 2 <c>storageCrs</c>).</summary>
    Crs StorageCrs => Crs.Crs84;
    /// <summary>The geometry type GIS tools should expect (JSON Schema's <c>x-ogc-role: primary-geometry</c>).</summary>
    string GeometryType { get; }
    /// <summary>Every property of its features, in column order; the filterable ones are its queryables.</summary>
    IReadOnlyList<OgcProperty> Properties { get; }
    /// <summary>What <c>datetime</c> compares with, in words (null: the collection has no time and ignores it).</summary>
    string? Temporal { get; }

    Task<Outcome<OgcPage>> ItemsAsync(AccessScope scope, OgcItemsQuery query, CancellationToken ct);

    /// <summary>One feature the caller may see, or null (a hidden one answers like a missing one).</summary>
    Task<OgcFeature?> ItemAsync(AccessScope scope, string id, Crs crs, CancellationToken ct);
}

/// <summary>
/// Keyset paging over a list the read operation answers whole (grid data: thousands of rows, not millions). The
/// features are built in CRS84, filtered with <see cref="Matches"/>, and only the page is turned into the response CRS.
/// </summary>
public static class OgcListPaging
{
    /// <summary>The page of <paramref name="features"/> (in a stable order, in CRS84) behind the feature whose id is the cursor, in the response CRS.</summary>
    public static Outcome<OgcPage> Page(IReadOnlyList<OgcFeature> features, OgcItemsQuery query)
    {
        var start = 0;
        if (query.Cursor is { } cursor)
        {
            var at = -1;
            for (var i = 0; i < features.Count && at < 0; i++) if (features[i].Id == cursor) at = i;
            if (at < 0) return Problems.Validation([new FieldError("", "invalidFormat", "cursor is taken from a next link of this collection") { Parameter = "cursor" }]);
            start = at + 1;
        }
        var page = features.Skip(start).Take(query.Limit)
            .Select(f => f.Geometry is null ? f : f with { Geometry = CrsTransform.FromCrs84(query.ResponseCrs, f.Geometry) }).ToList();
        var more = start + page.Count < features.Count;
        return new OgcPage(page, features.Count, more ? page[^1].Id : null);
    }

    /// <summary>Whether a feature (in CRS84, as stored) passes the request's box and filters (name=value and CQL2).</summary>
    public static bool Matches(OgcFeature feature, OgcItemsQuery query) =>
        (query.Bbox is not { } box || (feature.Geometry is { } g && box.Intersects(g.EnvelopeInternal) && g.Intersects(g.Factory.ToGeometry(box))))
        && (query.Filter is not { } filter || Cql2Evaluator.Matches(filter, feature.Properties, feature.Geometry));
}
