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

    private Task<(IPage Page, List<string> Problems)> OpenAsync(string fragment, int width = 1280, int height = 800) =>
        MapPage.OpenAsync(hub, fragment, width, height);

    private static async Task<Dictionary<string, string>> ConditionsAsync(IPage page) =>
        (await page.Locator("#gebieden-rijen tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th').textContent.trim(), r.querySelector('td:last-child').textContent.trim()])"))
        .ToDictionary(r => r[0], r => r[1]);

    private static Task ScreenshotAsync(IPage page, string name) => MapPage.ScreenshotAsync(page, name);

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
        // Each area names its substation(s), from the grid operator's station import; the legend explains the star.
        var stations = await page.Locator("#gebieden-rijen tr td:nth-child(3)").AllTextContentsAsync();
        Assert.Contains(stations, s => s.Contains("Onderstation"));
        Assert.Contains("Station (onderstation)", await page.TextContentAsync("#legenda"));
        Assert.Contains("energiegebieden in 2030", await page.TextContentAsync("#status"));
        // The map fits the demo's areas (the whole province), not the initial view around Amersfoort at zoom 8.
        await page.WaitForFunctionAsync("() => /zoom=/.test(location.hash)");
        var zoom = double.Parse(System.Text.RegularExpressions.Regex.Match(page.Url, @"zoom=([\d.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(zoom < 7.5, $"zoom {zoom}: the map did not fit the areas");

        await MapPage.AssertCleanAsync(page, problems);
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

    [Fact]
    public async Task An_area_passport_shows_load_against_capacity_per_year_as_a_chart_a_table_and_a_csv_and_opens_from_a_link()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("#jaar=2030&scenario=committed");
        // Keyboard only: from the tabs (bottlenecks first), the arrow key opens the areas' table; its first area (the
        // tightest) opens its passport.
        Assert.Equal("true", await page.GetAttributeAsync("#tab-knelpunten", "aria-selected"));
        await page.FocusAsync("#tab-knelpunten");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("true", await page.GetAttributeAsync("#tab-gebieden", "aria-selected"));
        Assert.True(await page.IsHiddenAsync("#knelpunten"));
        Assert.Contains("weergave=gebieden", page.Url);
        var first = page.Locator("#gebieden-rijen button[data-select]").First;
        var name = (await first.TextContentAsync())!.Trim();
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#paspoort:not([hidden]) .passport-directions table");
        Assert.Contains(name, await page.TextContentAsync("#kop-paspoort"));

        // Offtake and feed-in: each a chart with a name, a table of 2025-2050 and a CSV download of the same figures.
        Assert.Equal(2, await page.Locator("#paspoort .passport-directions svg.chart[role=img][aria-label]").CountAsync());
        Assert.Equal(2, await page.Locator("#paspoort .passport-directions table").CountAsync());
        Assert.Equal(26, await page.Locator("#paspoort .passport-directions table").First.Locator("tbody tr").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#paspoort a.csv-link").First.ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // a BOM, so that Excel reads UTF-8
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"Jaar\";\"Capaciteit (MW)\"", csv);
        Assert.Equal(27, csv.Split("\r\n").Length);
        var firstShortage = await page.Locator("#paspoort .first-shortage").AllTextContentsAsync();
        Assert.Equal(6, firstShortage.Count); // three scenarios for each direction, in words

        await MapPage.AssertCleanAsync(page, problems);
        await ScreenshotAsync(page, "passport");

        // The link holds the selection: opened elsewhere, the same passport.
        var (copy, copyProblems) = await OpenAsync(page.Url[page.Url.IndexOf('#')..]);
        await copy.WaitForSelectorAsync("#paspoort:not([hidden]) .passport-directions table");
        Assert.Equal(await page.TextContentAsync("#kop-paspoort"), await copy.TextContentAsync("#kop-paspoort"));
        Assert.True(copyProblems.Count == 0, string.Join("\n", copyProblems));
        await page.CloseAsync();
        await copy.CloseAsync();
    }

    [Fact]
    public async Task An_address_or_postcode_is_found_through_PDOKs_Locatieserver()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("");
        string? asked = null;
        // The Locatieserver's answer as PDOK gives it (these machines are offline).
        await page.RouteAsync(MapPage.PdokLocatieserver + "**", async route =>
        {
            asked = route.Request.Url;
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                Body = """{"response":{"numFound":1,"start":0,"docs":[{"weergavenaam":"Domplein 29, 3512JE Utrecht","type":"adres","centroide_rd":"POINT(136890.1 455936.6)"}]}}""" });
        });
        await page.FillAsync("#zoekterm", "Domplein 29 Utrecht");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('Domplein 29')");
        Assert.Contains("q=Domplein+29+Utrecht", asked);
        await page.WaitForFunctionAsync("() => /midden=136890(,|%2C)455937/.test(location.hash)");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Without_PDOK_the_map_says_so_and_works_on_the_hubs_own_boundaries()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var page = await hub.Chromium.NewPageAsync();
        var problems = MapPage.Watch(page);
        var tiles = 0;
        await page.RouteAsync(MapPage.PdokTiles + "**", async route => { tiles++; await route.AbortAsync("internetdisconnected"); });
        await page.GotoAsync(hub.BaseUrl + "/");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.WaitForFunctionAsync("() => document.querySelector('#achtergrond-melding').textContent.includes('niet bereikbaar')");
        Assert.True(tiles >= 3, $"{tiles} tile requests");
        Assert.True((await ConditionsAsync(page)).Count >= 20);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_accessibility_statement_is_in_dutch_and_has_no_serious_accessibility_faults()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var page = await hub.Chromium.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        var response = await page.GotoAsync(hub.BaseUrl + "/toegankelijkheid.html", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(200, response!.Status);
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("WCAG 2.1", await page.TextContentAsync("main"));
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Filters_narrow_the_developments_on_the_map_and_in_their_list_and_search_finds_places_by_name()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await OpenAsync("");
        async Task<int> Matched() => int.Parse((await page.TextContentAsync("#ontwikkelingen-aantal"))!.Split(' ')[0]);
        var all = await Matched();
        Assert.True(all > 50, $"{all} developments listed");

        await page.SelectOptionAsync("#filter-sector", "housing");
        await page.WaitForFunctionAsync($"() => !document.querySelector('#ontwikkelingen-aantal').textContent.startsWith('{all} ')");
        var housing = await Matched();
        Assert.InRange(housing, 1, all - 1);
        var sectors = await page.Locator("#ontwikkelingen-rijen tr td:nth-child(4)").AllTextContentsAsync();
        Assert.All(sectors, s => Assert.Equal("Wonen", s.Trim()));
        Assert.Contains("sector=housing", page.Url);

        // A row opens the development: its properties and versions.
        await page.ClickAsync("#tab-ontwikkelingen");
        Assert.Contains("weergave=ontwikkelingen", page.Url);
        await page.Locator("#ontwikkelingen-rijen button[data-development]").First.ClickAsync();
        await page.WaitForSelectorAsync("#detail:not([hidden]) ol li");
        Assert.Contains("Versie 1", await page.TextContentAsync("#detail"));

        // Search, offline: a municipality by name.
        await page.FillAsync("#zoekterm", "Zeist");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('in beeld')");
        Assert.Contains("Gemeente Zeist", await page.TextContentAsync("#status"));
        await page.FillAsync("#zoekterm", "Nergenshuizen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('Niets gevonden')");

        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }
}
