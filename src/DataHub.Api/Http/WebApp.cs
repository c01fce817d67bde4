namespace DataHub.Api.Http;

/// <summary>
/// The map (src/DataHub.Web, built into wwwroot by the hub's build) at <c>/</c>. Without a build (the API alone,
/// <c>-p:SkipWebBuild=true</c>) <c>/</c> goes to the API docs.
/// </summary>
public static class WebApp
{
    /// <summary>
    /// The map's pages: its own scripts and styles only (no inline script or style element), images from here, data: and
    /// blob: (the map draws to canvas, icons are inline SVG) and PDOK's base-map tiles; it calls this hub, PDOK's
    /// Locatieserver and, when configured, Entra ID's sign-in endpoints. No other host. The one inline style it allows,
    /// by hash, is the printable fiche's: the map fetches the fiche with the caller's token and opens it as a blob: page,
    /// which inherits this policy.
    /// </summary>
    public static readonly string Policy = "default-src 'none'; script-src 'self'; style-src 'self' " + Features.Programme.MiekFicheHtml.StyleHash + "; img-src 'self' data: blob: https://service.pdok.nl; " +
        "connect-src 'self' https://api.pdok.nl https://service.pdok.nl https://login.microsoftonline.com; font-src 'self'; manifest-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static bool IsApp(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/health") && !request.Path.StartsWithSegments(Features.Ogc.OgcApi.BasePath);

    public static WebApplication UseDataHubWebApp(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists)
        {
            app.MapGet("/", () => Results.Redirect(OpenApiSetup.DocsPath)).ExcludeFromDescription();
            return app;
        }
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = c =>
            {
                // Vite names every asset by its content hash: cache for a year; index.html is always asked again.
                c.Context.Response.Headers.CacheControl = c.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        return app;
    }
}
