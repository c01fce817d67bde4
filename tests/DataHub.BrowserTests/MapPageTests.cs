using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The map at / (src/DataHub.Web) in a real headless Chromium on the demo: it draws the energy areas with their
/// headroom and lists them as a table; the year slider, the scenario and the direction re-colour both at once; signed in
/// as another organisation it shows other data; the view is in the URL; no console error and no serious or critical
/// axe finding, on a desktop screen and on a phone. Screenshots go to the test results.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MapPageTests(BrowserHub hub)
{
    public static TheoryData<int, int> Screens => new() { { 1280, 800 }, { 390, 844 } };

    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string fragment, int width = 1280, int height = 800)
    {
        var page = await hub.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} {r.Failure}");
        await page.GotoAsync(hub.BaseUrl + "/" + fragment);
        await page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("true", await page.GetAttributeAsync("body", "data-ready"));
        return (page, problems);
    }

    private static async Task<Dictionary<string, string>> ConditionsAsync(IPage page) =>
        (await page.Locator("#gebieden-rijen tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').textContent.trim(), r.querySelector('td:last-child').textContent.trim()])"))
        .ToDictionary(r => r[0], r => r[1]);

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_map_draws_the_demo_areas_and_lists_them_without_console_errors_or_serious_accessibility_faults(int width, int height)
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("", width, height);
        var response = await page.APIRequest.GetAsync(hub.BaseUrl + "/");
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));

        // The demo's energy areas, each with its condition in words (never colour alone), and the map's canvas drawn.
        var conditions = await ConditionsAsync(page);
        Assert.True(conditions.Count >= 20, $"{conditions.Count} areas listed");
        Assert.All(conditions.Values, c => Assert.Contains(c, new[] { "Ruimte", "Krap", "Tekort", "Capaciteit onbekend" }));
        Assert.True(await page.Locator("#kaart canvas").CountAsync() > 0);
        Assert.Contains("energiegebieden in 2030", await page.TextContentAsync("#status"));

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} ×{v.Nodes.Length}: " + string.Join(" | ", v.Nodes.Take(10).Select(n => n.Target + " " + n.Html))).ToList();
        Assert.True(serious.Count == 0 && problems.Count == 0, string.Join("\n", serious.Concat(problems)));
        await ScreenshotAsync(page, $"map-{width}x{height}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_year_slider_scenario_and_direction_recolour_the_areas_and_the_view_is_in_the_url()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("#jaar=2025&scenario=committed");
        var early = await ConditionsAsync(page);

        // Keyboard only: focus the slider and move it to the last year.
        await page.FocusAsync("#jaar");
        await page.Keyboard.PressAsync("End");
        Assert.Equal("2050", await page.TextContentAsync("#jaar-waarde"));
        var late = await ConditionsAsync(page);
        await page.SelectOptionAsync("#scenario", "ambition");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('ambitie')");
        var ambition = await ConditionsAsync(page);
        Assert.True(!early.SequenceEqual(late) || !late.SequenceEqual(ambition), "neither the year nor the scenario changed any area's condition");
        Assert.True(ambition.Values.Count(v => v == "Tekort") >= early.Values.Count(v => v == "Tekort"),
            "the ambition scenario in 2050 has fewer shortages than the committed one in 2025");

        await page.CheckAsync("input[name=richting][value=feedIn]");
        Assert.Contains("invoeding", await page.TextContentAsync("#gebieden-bijschrift"));

        // The view is in the URL: a second page opened on it shows the same table.
        var url = page.Url;
        Assert.Contains("jaar=2050", url);
        Assert.Contains("scenario=ambition", url);
        Assert.Contains("richting=invoeding", url);
        var (copy, copyProblems) = await OpenAsync(url[url.IndexOf('#')..]);
        Assert.Equal(await ConditionsAsync(page), await ConditionsAsync(copy));
        Assert.Equal(await page.TextContentAsync("#gebieden-bijschrift"), await copy.TextContentAsync("#gebieden-bijschrift"));
        Assert.True(problems.Count + copyProblems.Count == 0, string.Join("\n", problems.Concat(copyProblems)));
        await page.CloseAsync();
        await copy.CloseAsync();
    }

    [Fact]
    public async Task Signed_in_as_another_organisation_the_map_shows_other_data()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("");
        async Task<int> DevelopmentsShown() => await page.EvaluateAsync<int>(
            "async () => { const r = await fetch('/api/v1/developments?limit=1', { headers: sessionStorage.getItem('datahub.token') ? { Authorization: 'Bearer ' + sessionStorage.getItem('datahub.token') } : {} }); return (await r.json()).numberMatched; }");
        var anonymous = await DevelopmentsShown();

        // Cluster 6 sees its own confidential CES records; anonymous callers do not.
        await page.SelectOptionAsync("#identiteit", "CLUSTER6");
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('datahub.token') !== null");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('energiegebieden')");
        var cluster6 = await DevelopmentsShown();
        Assert.True(cluster6 > anonymous, $"Cluster 6 sees {cluster6}, anonymous {anonymous}");
        Assert.Contains("Sectorpartij", await page.TextContentAsync("#wie"));

        await page.SelectOptionAsync("#identiteit", "");
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('datahub.token') === null");
        Assert.Equal(anonymous, await DevelopmentsShown());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }
}
