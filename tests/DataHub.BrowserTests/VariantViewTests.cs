using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>Variants in a real Chromium: build one (add capacity where the grid runs out first, drop a development),
/// compare it with the current data, show it on the map, and reopen it from the link.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VariantViewTests(BrowserHub hub)
{
    [Fact]
    public async Task A_variant_is_built_compared_with_the_base_shown_on_the_map_and_reopened_from_the_link()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=varianten&scenario=committed&jaar=2030");
        Assert.Contains("Kies bovenaan een organisatie", await page.TextContentAsync("#varianten-inhoud"));
        await MapPage.SignInAsync(page, "PV26");
        await page.WaitForSelectorAsync("#var-formulier");

        // Where the grid runs out first (committed scenario), 60 MW more from 2025; and one development dropped.
        var bottlenecks = (await MapPage.ApiAsync(hub, page, "/api/v1/bottlenecks?scenario=committed&fromYear=2025&toYear=2040")).GetProperty("items").EnumerateArray().ToList();
        var first = bottlenecks.MinBy(b => b.GetProperty("firstYear").GetInt32());
        var area = first.GetProperty("area").GetProperty("shortCode").GetString()!;
        await page.SelectOptionAsync("#var-gebied", area);
        await page.FillAsync("#var-jaar", "2025");
        await page.FillAsync("#var-afname", "60");
        await page.FillAsync("#var-invoeding", "60");
        await page.ClickAsync("#var-voeg-capaciteit");
        var development = await page.EvalOnSelectorAsync<string>("#var-ontwikkelingen option", "o => o.value");
        await page.FillAsync("#var-ontwikkeling", development);
        await page.SelectOptionAsync("#var-actie", "drop");
        await page.ClickAsync("#var-voeg-ontwikkeling");
        Assert.Equal(2, (await MapPage.RowsAsync(page, "#var-lijst")).Length);
        await page.FillAsync("#var-naam", "Extra trafo en minder woningen");
        await page.ClickAsync("#var-formulier button[type=submit]");
        await page.WaitForSelectorAsync("#var-vergelijking");

        var figures = (await MapPage.RowsAsync(page, "#var-vergelijking")).ToDictionary(r => r[0], r => r);
        Assert.True(int.Parse(figures["Knelpunten (gebied × richting)"][2]) < int.Parse(figures["Knelpunten (gebied × richting)"][1]),
            string.Join(" ", figures["Knelpunten (gebied × richting)"]));
        Assert.Equal(("0", "1"), (figures["Ontwikkelingen geschrapt"][1], figures["Ontwikkelingen geschrapt"][2]));
        var years = (await MapPage.RowsAsync(page, "#var-jaren")).Single(r => r[0] == area);
        Assert.Equal(first.GetProperty("firstYear").GetInt32().ToString(), years[1]);
        Assert.Equal("ja", years[3]);

        // The map toggles to the variant and back.
        await page.CheckAsync("#var-kaart input[value=variant]");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.startsWith('Variant Extra trafo')");
        await page.CheckAsync("#var-kaart input[value=base]");
        await page.WaitForFunctionAsync("() => !document.querySelector('#status').textContent.startsWith('Variant')");
        await MapPage.AssertCleanAsync(page, problems);
        await MapPage.ScreenshotAsync(page, "variant", fullPage: true);

        // The link reopens the comparison for the organisation.
        Assert.Contains("variant=", page.Url);
        var (copy, copyProblems) = await MapPage.OpenAsync(hub, page.Url[page.Url.IndexOf('#')..]);
        await MapPage.SignInAsync(copy, "PV26");
        await copy.WaitForSelectorAsync("#var-vergelijking");
        Assert.Equal(await MapPage.RowsAsync(page, "#var-vergelijking"), await MapPage.RowsAsync(copy, "#var-vergelijking"));
        Assert.True(copyProblems.Count == 0, string.Join("\n", copyProblems));
        await page.CloseAsync();
        await copy.CloseAsync();
    }
}
