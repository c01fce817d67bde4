using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace DataHub.Api.Http;

/// <summary>
/// Brotli or gzip for the hub's text answers (JSON, GeoJSON, CSV, the map's scripts and styles) when the client asks
/// for it: the map's national view came to about a quarter (8.0 MB decoded, 2.2 MB over the wire; bench/README,
/// "The map in a browser"). At the fastest level: on a 2-core machine the CPU is worth more than the last bytes. Over
/// HTTPS too: no answer carries a secret next to text a third party chooses (tokens travel in headers), which is what
/// BREACH needs.
/// </summary>
public static class Compression
{
    public static readonly string[] MimeTypes =
    [
        "application/json", "application/geo+json", "application/problem+json", "application/graphql-response+json", "text/csv",
        "text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml",
    ];

    public static IServiceCollection AddDataHubCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = MimeTypes;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
