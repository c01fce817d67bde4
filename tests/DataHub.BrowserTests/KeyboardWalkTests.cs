using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The main flow with the keyboard only (WCAG 2.1.1, 2.1.2, 2.4.7): skip to the overviews, find where the grid runs out
/// first, open that area's passport, open a development that causes the shortage; the map does not trap the focus, and
/// every control on the way shows where the focus is.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardWalkTests(BrowserHub hub)
{
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return (e.id ? '#' + e.id : e.tagName.toLowerCase()) + (e.dataset.bottleneck ? '[bottleneck]' : '') + (e.dataset.development ? '[development]' : ''); }");

    private static async Task<bool> FocusVisibleAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");

    /// <summary>Presses Tab until the focus is on an element matching <paramref name="selector"/> (at most <paramref name="max"/> times).</summary>
    private static async Task TabToAsync(IPage page, string selector, int max = 40)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => document.activeElement.matches({System.Text.Json.JsonSerializer.Serialize(selector)})")) return;
        }
        Assert.Fail($"{selector} was not reached in {max} tabs; the focus is on {await FocusedAsync(page)}");
    }

    [Fact]
    public async Task The_main_flow_works_with_the_keyboard_only_and_the_map_does_not_trap_the_focus()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#scenario=committed");
        var fragment = page.Url[page.Url.IndexOf('#')..];

        // The first Tab reaches the skip link; it moves the focus to the open tab without touching the view in the URL.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("#naar-overzichten", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("#tab-knelpunten", await FocusedAsync(page));
        Assert.True(await FocusVisibleAsync(page), "the tab shows no focus");
        Assert.DoesNotContain("tabs", page.Url);

        // On to the first bottleneck (the earliest), and into its passport.
        await TabToAsync(page, "#knelpunten-tabel button[data-bottleneck]");
        Assert.True(await FocusVisibleAsync(page), "the bottleneck button shows no focus");
        var area = (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Trim();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#paspoort:not([hidden]) #oorzaken");
        Assert.Equal("#paspoort", await FocusedAsync(page));
        Assert.Contains(area, await page.TextContentAsync("#kop-paspoort"));

        // What causes it: the first development named, opened with the keyboard.
        await TabToAsync(page, "#oorzaken button[data-development]");
        Assert.True(await FocusVisibleAsync(page), "the development button shows no focus");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#detail:not([hidden]) ol li");
        Assert.Equal("#detail", await FocusedAsync(page));

        // The map takes the arrow keys and gives the focus back on Tab.
        await page.FocusAsync("#kaart");
        Assert.True(await FocusVisibleAsync(page), "the map shows no focus");
        await page.Keyboard.PressAsync("ArrowRight");
        // Tab passes the map's zoom buttons (inside it) and leaves it.
        var left = false;
        for (var i = 0; i < 5 && !left; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            left = !await page.EvaluateAsync<bool>("() => document.querySelector('#kaart').contains(document.activeElement)");
        }
        Assert.True(left, "the map kept the focus");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }
}
