using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>What every test of the map does: open it (on a fragment) and wait until its data is drawn, collect console
/// errors, failed requests and page errors, sign in as a demo organisation, run axe, save a screenshot.</summary>
public static class MapPage
{
    public static async Task<(IPage Page, List<string> Problems)> OpenAsync(BrowserHub hub, string fragment, int width = 1280, int height = 800)
    {
        var page = await hub.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var problems = Watch(page);
        await page.GotoAsync(hub.BaseUrl + "/" + fragment);
        await page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("true", await page.GetAttributeAsync("body", "data-ready"));
        return (page, problems);
    }

    /// <summary>PDOK's base-map tiles: on these offline machines they fail, by design the map then goes on without them.</summary>
    public const string PdokTiles = "https://service.pdok.nl/";

    /// <summary>PDOK's Locatieserver (address search): offline it fails too, and the search says so.</summary>
    public const string PdokLocatieserver = "https://api.pdok.nl/bzk/locatieserver/";

    private static bool Pdok(string url) => url.StartsWith(PdokTiles, StringComparison.Ordinal) || url.StartsWith(PdokLocatieserver, StringComparison.Ordinal);

    public static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning" && !Pdok(m.Location)) problems.Add($"console {m.Type}: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        page.RequestFailed += (_, r) => { if (!Pdok(r.Url)) problems.Add($"request failed: {r.Url} {r.Failure}"); };
        return problems;
    }

    /// <summary>Signs in through the identity picker and waits until the data is drawn again for that organisation.</summary>
    public static async Task SignInAsync(IPage page, string organisation)
    {
        await page.SelectOptionAsync("#identiteit", organisation);
        await page.WaitForFunctionAsync($"() => (JSON.parse(sessionStorage.getItem('datahub.who') ?? 'null')?.organisation ?? '') === '{organisation}'");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('energiegebieden')");
    }

    /// <summary>No serious or critical axe finding and nothing in the console.</summary>
    public static async Task AssertCleanAsync(IPage page, List<string> problems)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} ×{v.Nodes.Length}: " + string.Join(" | ", v.Nodes.Take(10).Select(n => n.Target + " " + n.Html))).ToList();
        Assert.True(serious.Count == 0 && problems.Count == 0, string.Join("\n", serious.Concat(problems)));
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
    }

    /// <summary>A table's body rows, each as its cells' text.</summary>
    public static async Task<string[][]> RowsAsync(IPage page, string table) =>
        await page.Locator($"{table} tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))");

    /// <summary>A GET on the hub's API as the page's signed-in user (its token from session storage), or with the given token.</summary>
    public static async Task<JsonElement> ApiAsync(BrowserHub hub, IPage page, string path, string? token = null)
    {
        token ??= await page.EvaluateAsync<string?>("() => sessionStorage.getItem('datahub.token')");
        var response = await page.APIRequest.GetAsync(hub.BaseUrl + path,
            new APIRequestContextOptions { Headers = token is null ? new Dictionary<string, string>() : new() { ["Authorization"] = "Bearer " + token } });
        Assert.True(response.Ok, $"{path}: {response.Status}");
        return JsonDocument.Parse(await response.BodyAsync()).RootElement.Clone();
    }
}
