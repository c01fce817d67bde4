using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The map's planning views in a real Chromium: where the demo province's grid runs out first and what causes it
/// (bottlenecks, the area passport's causes, works and "what changed"), and what the pMIEK does about it (the round's
/// decisions, the projects left out and why, the scores, the printable fiche, the projects on the map).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanningViewTests(BrowserHub hub)
{
    private static Task<string[][]> RowsAsync(IPage page, string table) => MapPage.RowsAsync(page, table);

    private Task<JsonElement> ApiAsync(IPage page, string path, string? token = null) => MapPage.ApiAsync(hub, page, path, token);

    private async Task<string> TokenAsync(IPage page, string organisation, params string[] roles)
    {
        var response = await page.APIRequest.PostAsync(hub.BaseUrl + "/api/v1/sign-in/local-token",
            new APIRequestContextOptions { DataObject = new { organisation, roles } });
        return JsonDocument.Parse(await response.BodyAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sets the datetime-local control as typing would (Chromium drops zero seconds, which Playwright's fill reads as a fault).</summary>
    private static Task SetMomentAsync(IPage page, string local) =>
        page.EvalOnSelectorAsync("#vergelijk-datum", "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }", local);

    private static double Number(string dutch) => double.Parse(dutch.Replace(".", "").Replace(',', '.'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Bottlenecks_name_where_the_grid_runs_out_first_sort_and_open_the_passport_with_causes_and_works()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#scenario=committed");
        await page.WaitForSelectorAsync("#knelpunten-tabel tbody tr");
        var api = (await ApiAsync(page, "/api/v1/bottlenecks?scenario=committed&fromYear=2025&toYear=2050")).GetProperty("items").EnumerateArray().ToList();

        // Sorted by first year; the sentence under the map names the earliest offtake shortage and its year.
        var rows = await RowsAsync(page, "#knelpunten-tabel");
        var firstYears = rows.Select(r => int.Parse(r[3])).ToList();
        Assert.Equal(firstYears.Order(), firstYears);
        var earliestOfftake = api.Where(b => b.GetProperty("direction").GetString() == "offtake").MinBy(b => b.GetProperty("firstYear").GetInt32());
        var firstOut = await page.TextContentAsync("#eerste-tekort");
        Assert.Contains($"in {earliestOfftake.GetProperty("firstYear").GetInt32()}", firstOut);

        // Every bottleneck when the whole province is in view; the other order, by the largest shortfall.
        await page.UncheckAsync("#knelpunten-in-beeld");
        Assert.Equal(api.Count, (await RowsAsync(page, "#knelpunten-tabel")).Length);
        await page.SelectOptionAsync("#knelpunten-sortering", "shortfall");
        var worst = (await RowsAsync(page, "#knelpunten-tabel")).Select(r => Number(r[5])).ToList();
        Assert.Equal(worst.OrderDescending(), worst);

        // Zoomed in on one area, the list narrows to what is in view.
        await page.CheckAsync("#knelpunten-in-beeld");
        await page.FillAsync("#zoekterm", "Energiegebied OS Rhenen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#knelpunten-tabel tbody tr').length < {api.Count}");

        // A bottleneck opens its area's passport: why it runs short (the developments, the ones that tip it over)
        // and the works, with whether they come in time, as the hub's analysis says.
        await page.UncheckAsync("#knelpunten-in-beeld");
        await page.SelectOptionAsync("#knelpunten-sortering", "firstYear");
        var withWorks = api.Where(b => b.GetProperty("direction").GetString() == "offtake" && b.GetProperty("works").GetArrayLength() > 0)
            .MinBy(b => b.GetProperty("firstYear").GetInt32());
        var areaName = withWorks.GetProperty("area").GetProperty("shortCode").GetString()!;
        await page.Locator($"#knelpunten-tabel button[data-bottleneck='{withWorks.GetProperty("area").GetProperty("id").GetString()}']").First.ClickAsync();
        await page.WaitForSelectorAsync("#paspoort:not([hidden]) .causes table");
        Assert.Contains(areaName, await page.TextContentAsync("#kop-paspoort"));
        Assert.Equal("paspoort", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Contains($"Tekort vanaf {withWorks.GetProperty("firstYear").GetInt32()}", await page.TextContentAsync("#paspoort .causes .verdict"));
        var causes = await RowsAsync(page, "#oorzaken");
        Assert.NotEmpty(causes);
        Assert.Contains(causes, r => r[3].StartsWith("Ja"));
        var contributions = causes.Select(r => Number(r[1])).ToList();
        Assert.Equal(contributions.OrderDescending(), contributions);
        var works = await RowsAsync(page, "#werken");
        var expected = withWorks.GetProperty("works").EnumerateArray().ToList();
        Assert.Equal(expected.Select(w => w.GetProperty("projectName").GetString()), works.Select(w => w[0]));
        Assert.Equal(expected.Select(w => w.GetProperty("inTime").GetBoolean()), works.Select(w => w[3] == "Ja"));
        // The capacity map's figures, in words.
        Assert.Contains("Volgens de capaciteitskaart", await page.TextContentAsync("#paspoort"));

        // A cause opens the development it names.
        await page.Locator("#paspoort .causes button[data-development]").First.ClickAsync();
        await page.WaitForSelectorAsync("#detail:not([hidden]) ol li");

        await MapPage.AssertCleanAsync(page, problems);
        await MapPage.ScreenshotAsync(page, "bottlenecks", fullPage: true);
        await page.CloseAsync();
    }

    [Fact]
    public async Task What_changed_compares_an_area_now_with_an_earlier_moment()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#scenario=committed&jaar=2030");
        await MapPage.SignInAsync(page, "PV26");
        var utrecht = (await ApiAsync(page, "/api/v1/energy-areas")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("shortCode").GetString() == "OS Utrecht").GetProperty("id").GetString()!;

        // A moment, then a municipality submits 400 new homes (public) on the Domplein, in OS Utrecht, from 2028.
        var before = DateTime.UtcNow;
        await Task.Delay(1100);
        var gm0344 = await TokenAsync(page, "GM0344", "Reader", "Submitter");
        var created = await page.APIRequest.PostAsync(hub.BaseUrl + "/api/v1/developments", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + gm0344, ["Content-Type"] = "application/geo+json" },
            Data = """
                {"type":"Feature","geometry":{"type":"Point","coordinates":[5.1214,52.0907]},"properties":{"externalId":"browser-what-changed",
                 "name":"Woningbouw Domplein (browsertest)","planType":"woonagenda","sector":"housing","kind":"newBuildHomes","assetType":"consumer",
                 "certainty":"permitted","visibility":"public","quantities":[{"year":2028,"value":400,"unit":"homes"}],"carriers":["electricity"],
                 "source":{"licence":"CC-BY-4.0","attribution":"Gemeente Utrecht","contact":{"name":"A. Planner","email":"planner@example.nl"}}}}
                """,
        });
        Assert.True(created.Status == 201, await created.TextAsync());

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.EvaluateAsync($"() => location.hash = location.hash.replace(/&?gebied=[^&]*/, '') + '&gebied={utrecht}'");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.WaitForSelectorAsync("#paspoort:not([hidden]) .changes form");
        var local = await page.EvaluateAsync<string>($"() => {{ const d = new Date('{before:O}'); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19); }}");
        await SetMomentAsync(page, local);
        await page.ClickAsync("#paspoort .changes button[type=submit]");
        await page.WaitForSelectorAsync("#veranderd");
        var rows = (await RowsAsync(page, "#veranderd")).ToDictionary(r => r[0], r => r);
        var count = rows["Ontwikkelingen die bijdragen"];
        Assert.Equal(int.Parse(count[1]) + 1, int.Parse(count[2]));
        Assert.Equal("+1", count[3]);
        Assert.True(Number(rows["Belasting afname (MW)"][2]) > Number(rows["Belasting afname (MW)"][1]), string.Join(" ", rows["Belasting afname (MW)"]));
        Assert.Equal(rows["Capaciteit afname (MW)"][1], rows["Capaciteit afname (MW)"][2]);

        // Before the demo was loaded the hub knew nothing of the area, and says so.
        await SetMomentAsync(page, "2026-01-01T00:00");
        await page.ClickAsync("#paspoort .changes button[type=submit]");
        await page.WaitForSelectorAsync("#paspoort .changes .compare-empty");
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_pmiek_view_lists_decisions_reasons_and_scores_shows_projects_on_the_map_and_opens_the_printable_fiche()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=pmiek");
        // Anonymous: the pMIEK is not public; the view says who may see it.
        Assert.Contains("Kies bovenaan een organisatie", await page.TextContentAsync("#pmiek-inhoud"));

        await MapPage.SignInAsync(page, "PV26");
        await page.WaitForSelectorAsync("#pmiek-inhoud table, #pmiek-inhoud p:not(.notice)");
        Assert.True(await page.Locator("#pmiek-inhoud table").CountAsync() > 0, await page.TextContentAsync("#pmiek-inhoud"));
        var token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('datahub.token')");
        var cycle = await page.InputValueAsync("#pmiek-ronde");
        var projects = (await ApiAsync(page, $"/api/v1/miek-projects?cycle={cycle}", token)).GetProperty("items").EnumerateArray().ToList();
        var left = projects.Where(p => p.TryGetProperty("decision", out var d) && d.GetString() == "notIncluded").ToList();
        Assert.NotEmpty(left);

        // The projects not included, each with its reason as the province gave it.
        var notIncluded = await RowsAsync(page, "#pmiek-niet-opgenomen");
        Assert.Equal(left.Select(p => p.GetProperty("name").GetString()).Order(), notIncluded.Select(r => r[0]).Order());
        Assert.All(left, p => Assert.Contains(notIncluded, r => r[0] == p.GetProperty("name").GetString() && r[2] == p.GetProperty("decisionReason").GetString()));
        var summary = await page.TextContentAsync("#pmiek-samenvatting");
        Assert.StartsWith($"{projects.Count} projecten", summary);

        // On the map: one diamond per project with a place.
        var placed = projects.Count(p => p.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object);
        Assert.Contains($"{placed} ervan staan als ruit op de kaart", summary);

        // A project: its scores per criterion, with rationale and author; the link holds it.
        var included = projects.First(p => p.GetProperty("decision").GetString() is "included" or "prioritised");
        await page.Locator($"#pmiek-inhoud button[data-project='{included.GetProperty("id").GetString()}']").First.ClickAsync();
        await page.WaitForSelectorAsync("#pmiek-scores");
        var scores = await RowsAsync(page, "#pmiek-scores");
        Assert.True(scores.Length >= 7, $"{scores.Length} criteria");
        Assert.All(scores, r => Assert.NotEqual("–", r[1]));
        Assert.Contains(scores, r => r[3].StartsWith("STEDIN")); // the grid operator scores its own criteria
        Assert.Contains($"project={included.GetProperty("id").GetString()}", page.Url);

        // The printable fiche opens as a page of its own, with the caller's rights, styled and without faults.
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#pmiek-fiche"));
        var popupProblems = MapPage.Watch(popup);
        await popup.WaitForSelectorAsync("h1");
        Assert.Contains(included.GetProperty("name").GetString()!, await popup.TextContentAsync("h1"));
        Assert.Equal("nl", await popup.GetAttributeAsync("html", "lang"));
        Assert.Equal("700", await popup.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.decision')).fontWeight"));
        await MapPage.AssertCleanAsync(popup, popupProblems);
        await MapPage.ScreenshotAsync(popup, "fiche", fullPage: true);
        await popup.CloseAsync();

        // The link opens the same project for a colleague with the same rights, once signed in.
        var (copy, copyProblems) = await MapPage.OpenAsync(hub, page.Url[page.Url.IndexOf('#')..]);
        await MapPage.SignInAsync(copy, "PV26");
        await copy.WaitForSelectorAsync("#pmiek-scores");
        Assert.Equal(await page.TextContentAsync("#kop-project"), await copy.TextContentAsync("#kop-project"));
        await MapPage.AssertCleanAsync(page, problems);
        await MapPage.AssertCleanAsync(copy, copyProblems);
        await MapPage.ScreenshotAsync(page, "pmiek", fullPage: true);
        await page.CloseAsync();
        await copy.CloseAsync();
    }

    [Fact]
    public async Task The_national_ministry_sees_every_province_on_one_overview()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=pmiek");
        await MapPage.SignInAsync(page, "KGG");
        await page.WaitForSelectorAsync("#pmiek-inhoud table");
        Assert.Equal("", await page.InputValueAsync("#pmiek-ronde")); // all rounds of all provinces
        var token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('datahub.token')");
        var overview = await ApiAsync(page, "/api/v1/miek-overview", token);
        var byProvince = await RowsAsync(page, "#pmiek-provincies");
        Assert.Equal(overview.GetProperty("byProvince").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("projects").GetInt32().ToString())),
            byProvince.Select(r => ((string?)r[0], r[1])));
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Load_against_capacity_per_municipality_or_province_is_a_chart_a_table_and_a_csv()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#scenario=expected");
        await page.WaitForSelectorAsync("#overzicht-gebied option[value=PV26]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#overzicht-gebied", "PV26");
        await page.WaitForSelectorAsync("#overzicht-inhoud table");
        Assert.Equal(1, await page.Locator("#overzicht-inhoud svg.chart[role=img]").CountAsync());
        var province = await RowsAsync(page, "#overzicht-inhoud table");
        Assert.Equal(26, province.Length); // 2025–2050
        await page.SelectOptionAsync("#overzicht-gebied", "GM0344");
        await page.WaitForFunctionAsync("() => document.querySelector('#overzicht-inhoud p')?.textContent.includes('Utrecht')");
        var city = await RowsAsync(page, "#overzicht-inhoud table");
        // A municipality's areas are a part of the province's: less capacity and less load in every year.
        for (var i = 0; i < 26; i++)
        {
            Assert.True(Number(city[i][1]) <= Number(province[i][1]), $"capacity {city[i][0]}");
            Assert.True(Number(city[i][2]) < Number(province[i][2]), $"load {city[i][0]}");
        }
        Assert.EndsWith(".csv", await page.GetAttributeAsync("#overzicht-inhoud a.csv-link", "download"));
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }
}
