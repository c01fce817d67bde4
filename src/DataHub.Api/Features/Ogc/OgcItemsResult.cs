using System.Text.Json.Nodes;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A page of items as GeoJSON (or one feature), written straight to the response with a <see cref="Utf8JsonWriter"/>
/// (a page of 10,000 features is not built as a document first): <c>numberMatched</c> when the collection counts
/// cheaply, <c>numberReturned</c>, <c>timeStamp</c>, the links, the features with their ids and flat properties.
/// </summary>
public sealed class OgcItemsResult(OgcPage page, IReadOnlyList<JsonObject> links, DateTime? timeStamp, bool single = false) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = GeoJson.MediaType;
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter.AsStream(), new JsonWriterOptions { Encoder = GeoJson.Options.Encoder });
        if (single) WriteFeature(json, page.Features[0], links);
        else
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            if (timeStamp is { } t) json.WriteString("timeStamp", t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            if (page.NumberMatched is { } matched) json.WriteNumber("numberMatched", matched);
            json.WriteNumber("numberReturned", page.Features.Count);
            WriteLinks(json, links);
            json.WriteStartArray("features");
            for (var i = 0; i < page.Features.Count; i++)
            {
                WriteFeature(json, page.Features[i], null);
                if (json.BytesPending > 32_768) await json.FlushAsync(http.RequestAborted);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await json.FlushAsync(http.RequestAborted);
    }

    private static void WriteLinks(Utf8JsonWriter json, IReadOnlyList<JsonObject> links)
    {
        json.WritePropertyName("links");
        json.WriteStartArray();
        foreach (var link in links) link.WriteTo(json);
        json.WriteEndArray();
    }

    internal static void WriteFeature(Utf8JsonWriter json, OgcFeature feature, IReadOnlyList<JsonObject>? links)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", feature.Id);
        json.WritePropertyName("geometry");
        if (feature.Geometry is null) json.WriteNullValue();
        else JsonSerializer.Serialize(json, feature.Geometry, GeoJson.Options);
        json.WriteStartObject("properties");
        foreach (var (name, value) in feature.Properties)
        {
            switch (value)
            {
                case null: json.WriteNull(name); break;
                case string s: json.WriteString(name, s); break;
                case int n: json.WriteNumber(name, n); break;
                case long n: json.WriteNumber(name, n); break;
                case double d: json.WriteNumber(name, d); break;
                case bool b: json.WriteBoolean(name, b); break;
                case DateTime d: json.WriteString(name, DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.WritePropertyName(name); JsonSerializer.Serialize(json, value, GeoJson.Options); break;
            }
        }
        json.WriteEndObject();
        if (links is not null) WriteLinks(json, links);
        json.WriteEndObject();
    }
}
