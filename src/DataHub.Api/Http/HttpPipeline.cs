using Microsoft.AspNetCore.WebUtilities;

namespace DataHub.Api.Http;

public static class HttpPipeline
{
    /// <summary>The version of the API contract; equals the OpenAPI info.version and goes out as API-Version on every response.</summary>
    public const string ApiVersion = "1.4.0";

    /// <summary>Every response but the docs page and the map's pages (<see cref="WebApp.Policy"/>): nothing may load or run.</summary>
    public const string StrictPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The docs page (Swagger UI, self-hosted by Swashbuckle): exactly what it needs, from this hub only: its scripts and
    /// styles, its inline SVG icons (data: images), and the OpenAPI document it fetches. No third-party host. Swagger UI
    /// 5.34 writes one inline style attribute when it draws its logo (an SVG with a clip-path style): that one is allowed
    /// by its hash, not inline styles in general. A Swagger UI upgrade that changes it shows as a console error in
    /// DocsPageTests.
    /// </summary>
    public const string DocsPolicy = "default-src 'none'; script-src 'self'; " +
        "style-src 'self' 'unsafe-hashes' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>API-Version and security headers on every response (Dutch API Design Rules; OWASP secure headers).</summary>
    public static IApplicationBuilder UseDataHubHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h["API-Version"] = ApiVersion;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // An endpoint that serves a page of its own (the fiche) states its own policy; every other response gets one of these.
            if (!h.ContainsKey("Content-Security-Policy"))
                h["Content-Security-Policy"] = http.Request.Path.StartsWithSegments(OpenApiSetup.DocsPath) ? DocsPolicy
                    : WebApp.IsApp(http.Request) && h.ContentType.ToString().StartsWith("text/html", StringComparison.Ordinal) ? WebApp.Policy : StrictPolicy;
            if (http.Request.IsHttps) h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
            if (http.Request.Path.StartsWithSegments("/api") && !h.ContainsKey("Cache-Control"))
                h["Cache-Control"] = "no-store";
            return Task.CompletedTask;
        });
        await next();
    });
}
