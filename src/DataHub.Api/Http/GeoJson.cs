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

    public static GeoJsonOk<T> Ok<T>(T body) => new(body);
    public static GeoJsonCreated<T> Created<T>(T body) => new(body);
}

/// <summary>200 with a GeoJSON body (application/geo+json), declared to the OpenAPI document as <c>Ok&lt;T&gt;</c> declares JSON.</summary>
public sealed class GeoJsonOk<T>(T body) : IResult, IStatusCodeHttpResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public int? StatusCode => 200;
    public Task ExecuteAsync(HttpContext http) => Results.Json(body, GeoJson.Options, GeoJson.MediaType, 200).ExecuteAsync(http);
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(200, typeof(T), [GeoJson.MediaType]));
}

/// <summary>201 with a GeoJSON body: the created record.</summary>
public sealed class GeoJsonCreated<T>(T body) : IResult, IStatusCodeHttpResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public int? StatusCode => 201;
    public Task ExecuteAsync(HttpContext http) => Results.Json(body, GeoJson.Options, GeoJson.MediaType, 201).ExecuteAsync(http);
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new Microsoft.AspNetCore.Http.ProducesResponseTypeMetadata(201, typeof(T), [GeoJson.MediaType]));
}
