using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// The HTML forms of the OGC API pages, for a person browsing the service (in Dutch, as the hub's other pages): plain
/// semantic HTML, no script and no inline style (the hub's content security policy allows neither).
/// </summary>
public static class OgcHtml
{
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The pages' own policy: nothing but the hub's stylesheet (no script, no inline style).</summary>
    public const string Policy = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The pages' stylesheet: readable on a phone; a wide table scrolls inside its own region.</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 1rem; max-width: 72rem; line-height: 1.4; overflow-wrap: break-word; }
        ul { padding-left: 1.25rem; }
        nav a { margin-right: .5rem; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        dd { margin: 0 0 .5rem 1rem; }
        """;

    private static IResult Page(string title, string body) => new HtmlPage($"""
        <!doctype html>
        <html lang="nl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(title)} – DataHub OGC API</title>
        <link rel="stylesheet" href="{OgcApi.BasePath}/style.css"></head>
        <body>
        <header><nav aria-label="OGC API"><a href="{OgcApi.BasePath}/?f=html">DataHub OGC API</a> <a href="{OgcApi.BasePath}/collections?f=html">Collecties</a> <a href="{OgcApi.BasePath}/conformance?f=html">Conformiteit</a></nav></header>
        <main>
        <h1>{E(title)}</h1>
        {body}
        </main>
        </body>
        </html>
        """);

    private sealed class HtmlPage(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ContentSecurityPolicy = Policy;
            return Results.Content(html, "text/html; charset=utf-8").ExecuteAsync(http);
        }
    }

    private static string Links(JsonArray links) =>
        "<ul>" + string.Concat(links.Select(l => $"<li><a href=\"{E(l!["href"]!.GetValue<string>())}\">{E(l["title"]?.GetValue<string>() ?? l["rel"]!.GetValue<string>())}</a> ({E(l["rel"]!.GetValue<string>())}, {E(l["type"]!.GetValue<string>())})</li>")) + "</ul>";

    public static IResult Landing(JsonObject doc) => Page("DataHub – OGC API Features",
        $"<p>{E(doc["description"]!.GetValue<string>())}</p><h2>Verwijzingen</h2>{Links(doc["links"]!.AsArray())}");

    /// <summary>The API's documentation page (its service-doc): every path of the OpenAPI document with its parameters.</summary>
    public static IResult Api(JsonObject openApi) => Page("API-beschrijving",
        $"<p>{E(openApi["info"]!["description"]!.GetValue<string>())} De machineleesbare beschrijving: <a href=\"{OgcApi.BasePath}/api\">OpenAPI 3.0</a>.</p>"
        + string.Concat(openApi["paths"]!.AsObject().Select(p =>
            $"<h2><code>GET {E(p.Key)}</code></h2><p>{E(p.Value!["get"]!["summary"]!.GetValue<string>())}</p><ul>"
            + string.Concat(p.Value["get"]!["parameters"]!.AsArray().Select(x => $"<li><code>{E(x!["name"]!.GetValue<string>())}</code> ({E(x["in"]!.GetValue<string>())}): {E(x["description"]!.GetValue<string>())}</li>"))
            + "</ul>")));

    public static IResult Conformance(IEnumerable<string> classes) => Page("Conformiteitsklassen",
        "<ul>" + string.Concat(classes.Select(c => $"<li>{E(c)}</li>")) + "</ul>");

    public static IResult Collections(JsonObject doc) => Page("Collecties",
        "<div class=\"scroll\" role=\"region\" aria-label=\"Collecties\" tabindex=\"0\"><table><caption>De collecties van deze dienst</caption><thead><tr><th scope=\"col\">Collectie</th><th scope=\"col\">Beschrijving</th><th scope=\"col\">Objecten</th></tr></thead><tbody>"
        + string.Concat(doc["collections"]!.AsArray().Select(c =>
            $"<tr><td><a href=\"{E(c!["links"]![1]!["href"]!.GetValue<string>())}\">{E(c["title"]!.GetValue<string>())}</a> <code>{E(c["id"]!.GetValue<string>())}</code></td><td>{E(c["description"]!.GetValue<string>())}</td>"
            + $"<td><a href=\"{E(c["links"]![3]!["href"]!.GetValue<string>())}\">objecten van {E(c["title"]!.GetValue<string>())}</a></td></tr>"))
        + "</tbody></table></div>");

    public static IResult Collection(JsonObject doc) => Page(doc["title"]!.GetValue<string>(),
        $"<p>{E(doc["description"]!.GetValue<string>())}</p><p>Opslag-CRS: <code>{E(doc["storageCrs"]!.GetValue<string>())}</code></p><h2>Verwijzingen</h2>{Links(doc["links"]!.AsArray())}");

    public static IResult Items(IOgcCollection c, OgcPage page, IReadOnlyList<JsonObject> links)
    {
        var columns = c.Properties.Select(q => q.Name).ToList();
        var html = new StringBuilder();
        html.Append($"<p>{page.Features.Count} objecten op deze pagina{(page.NumberMatched is { } m ? $", {m} in totaal" : "")}.</p>");
        html.Append("<div class=\"scroll\" role=\"region\" aria-label=\"Objecten\" tabindex=\"0\"><table><caption>").Append(E(c.Title)).Append("</caption><thead><tr><th scope=\"col\">id</th>");
        foreach (var col in columns) html.Append("<th scope=\"col\">").Append(E(col)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var f in page.Features)
        {
            html.Append($"<tr><th scope=\"row\"><a href=\"{OgcApi.BasePath}/collections/{E(c.Id)}/items/{E(Uri.EscapeDataString(f.Id))}?f=html\">{E(f.Id)}</a></th>");
            foreach (var col in columns) html.Append("<td>").Append(E(Convert.ToString(f.Properties.GetValueOrDefault(col), System.Globalization.CultureInfo.InvariantCulture))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
        html.Append("<h2>Verwijzingen</h2>").Append(Links(new JsonArray([.. links.Select(l => (JsonNode)l.DeepClone())])));
        return Page(c.Title, html.ToString());
    }

    public static IResult Item(IOgcCollection c, OgcFeature f, IReadOnlyList<JsonObject> links)
    {
        var html = new StringBuilder("<dl>");
        foreach (var q in c.Properties)
            html.Append("<dt>").Append(E(q.Name)).Append("</dt><dd>").Append(E(Convert.ToString(f.Properties.GetValueOrDefault(q.Name), System.Globalization.CultureInfo.InvariantCulture))).Append("</dd>");
        html.Append("<dt>geometrie</dt><dd>").Append(E(f.Geometry?.GeometryType ?? "geen")).Append("</dd></dl>");
        html.Append("<h2>Verwijzingen</h2>").Append(Links(new JsonArray([.. links.Select(l => (JsonNode)l.DeepClone())])));
        return Page($"{c.Title}: {f.Id}", html.ToString());
    }
}
