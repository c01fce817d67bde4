using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using NetTopologySuite.Geometries;

namespace DataHub.Api.GraphQL;

/// <summary>A geometry as a GeoJSON object (RFC 7946), in the CRS the field's <c>crs</c> argument asks for.</summary>
public sealed class GeoJsonGraphType : ScalarGraphType
{
    public GeoJsonGraphType()
    {
        Name = "GeoJSON";
        Description = "A GeoJSON geometry object (RFC 7946); coordinates in the CRS asked for with the field's crs argument (CRS84 by default).";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Geometry g => JsonSerializer.SerializeToElement(g, GeoJson.Options),
        JsonElement e => e,
        _ => throw new InvalidOperationException($"GeoJSON cannot serialise {value.GetType().Name}"),
    };

    public override object? ParseValue(object? value) => value is null ? null : Json.ToElement(value);

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : Json.FromLiteral(value) is { } v ? Json.ToElement(v) : null;
}

/// <summary>
/// Any JSON value. Mutations take their input as the same JSON document REST takes (schemas/), so one validation
/// serves both surfaces and every error keeps its JSON pointer.
/// </summary>
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "A JSON value: for mutation inputs, the document the REST operation takes (see schemas/).";
    }

    public override object? Serialize(object? value) => value is null ? null : Json.ToElement(value);

    public override object? ParseValue(object? value) => value is null ? null : Json.ToElement(value);

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : Json.FromLiteral(value) is { } v ? Json.ToElement(v) : null;
}

internal static class Json
{
    public static JsonElement ToElement(object value) => value is JsonElement e ? e.Clone() : JsonSerializer.SerializeToElement(value);

    /// <summary>A GraphQL literal as plain objects (dictionaries, lists, strings, numbers, booleans).</summary>
    public static object? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue i => decimal.Parse(i.Value.Span, CultureInfo.InvariantCulture),
        GraphQLFloatValue f => decimal.Parse(f.Value.Span, NumberStyles.Float, CultureInfo.InvariantCulture),
        GraphQLEnumValue en => (string)en.Name.Value,
        GraphQLListValue l => l.Values?.Select(FromLiteral).ToList() ?? [],
        GraphQLObjectValue o => o.Fields?.ToDictionary(f => (string)f.Name.Value, f => FromLiteral(f.Value)) ?? [],
        _ => throw new InvalidOperationException($"unsupported literal {value.Kind}"),
    };
}
