using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The OGC API's HTML pages, which a person browses (landing page, API description, conformance, collections, a
/// collection, its features, one feature), in a real headless Chromium: no console error or failed request, no
/// serious or critical axe finding, on a desktop screen and a phone, and every page links on to the next.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OgcPagesTests(BrowserHub hub)
{
    public static TheoryData<int, int> Screens => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_OGC_page_is_browsable_without_console_errors_or_serious_accessibility_faults(int width, int height)
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var page = await hub.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} {r.Failure}");

        // From the landing page, by its own links: the collections, the developments, their features, the first feature.
        await page.GotoAsync(hub.BaseUrl + "/ogc/v1/?f=html");
        var visited = new List<string>();
        async Task CheckAsync()
        {
            visited.Add(page.Url);
            Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
            Assert.True(await page.Locator("h1").IsVisibleAsync(), $"{page.Url}: no visible heading");
            // The page fits the screen; a wide table scrolls inside its own region.
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width + 1, $"{page.Url}: wider than the {width}-px screen");
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help}").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }
        await CheckAsync();
        await page.Locator("a[href*='/api?f=html']").First.ClickAsync();
        await CheckAsync();
        await page.GotoAsync(hub.BaseUrl + "/ogc/v1/conformance?f=html");
        await CheckAsync();
        await page.Locator("nav a", new() { HasText = "Collecties" }).ClickAsync();
        await CheckAsync();
        await page.Locator("a[href*='/collections/developments?f=html']").First.ClickAsync();
        await CheckAsync();
        await page.Locator("a[href*='/collections/developments/items?f=html']").First.ClickAsync();
        await CheckAsync();
        Assert.True(await page.Locator("tbody tr").CountAsync() > 0, "the demo's developments are listed");
        await page.Locator("tbody tr th a").First.ClickAsync();
        await CheckAsync();
        Assert.True(await page.Locator("dl dt").CountAsync() > 10, "a feature shows its properties");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(7, visited.Count);
        await page.CloseAsync();
    }
}
