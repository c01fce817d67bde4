using System.Text.Json.Serialization;
using NetTopologySuite.IO.Converters;

namespace DataHub.Api.Http;

/// <summary>JSON responses of the hub: camelCase, nulls left out, geometries as RFC 7946 GeoJSON.</summary>
public static class GeoJson
{
    public const string MediaType = "application/geo+json";

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }

    public static IResult Ok<T>(T body) => Results.Json(body, Options, MediaType, 200);
    public static IResult Created<T>(T body) => Results.Json(body, Options, MediaType, 201);
}
