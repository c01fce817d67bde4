using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The quickscan ("does it fit here?") and submitting data (a dry run that names every error against its feature or
/// row, then the import, and the past imports) in a real Chromium, signed in as a demo organisation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuickscanAndUploadTests(BrowserHub hub)
{
    private static Task<string[][]> RowsAsync(IPage page, string table) => MapPage.RowsAsync(page, table);

    private Task<JsonElement> ApiAsync(IPage page, string path, string? token = null) => MapPage.ApiAsync(hub, page, path, token);

    [Fact]
    public async Task A_quickscan_gives_the_verdict_the_headroom_per_year_and_scenario_and_the_alternatives_on_the_map()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=quickscan");
        Assert.Contains("Kies bovenaan een organisatie", await page.TextContentAsync("#quickscan-inhoud"));
        await MapPage.SignInAsync(page, "PV26");
        await page.WaitForSelectorAsync("#qs-formulier");

        // Without a place the form says what is missing.
        await page.ClickAsync("#qs-formulier button[type=submit]");
        Assert.Contains("Kies eerst een plek", await page.TextContentAsync("#qs-uitkomst [role=alert]"));

        // A charging plaza of 400 points in 2027, in the middle of OS Amersfoort (full until its works in 2029); keyboard
        // users take the map's centre, as here.
        await page.FillAsync("#zoekterm", "Energiegebied OS Amersfoort");
        await page.Keyboard.PressAsync("Enter");
        await page.ClickAsync("#qs-midden");
        Assert.Contains("Gekozen plek", await page.TextContentAsync("#qs-plek"));
        await page.SelectOptionAsync("#qs-soort", "chargingHub");
        Assert.Equal("laadpunten", await page.TextContentAsync("#qs-eenheid"));
        await page.FillAsync("#qs-omvang", "400");
        await page.SelectOptionAsync("#qs-jaar", "2027");
        await page.ClickAsync("#qs-formulier button[type=submit]");
        await page.WaitForSelectorAsync("#qs-oordeel");

        // What the page shows is what the hub kept for the organisation.
        await page.WaitForFunctionAsync("() => /quickscan=/.test(location.hash)");
        var id = System.Text.RegularExpressions.Regex.Match(page.Url, "quickscan=([0-9a-f-]+)").Groups[1].Value;
        var scan = await ApiAsync(page, $"/api/v1/quickscans/{id}");
        var outcome = scan.GetProperty("outcome");
        Assert.Equal("doesNotFit", outcome.GetProperty("verdict").GetString());
        Assert.StartsWith("Past niet", await page.TextContentAsync("#qs-oordeel"));
        var area = outcome.GetProperty("areas")[0];
        Assert.Equal(area.GetProperty("shortCode").GetString(), (await RowsAsync(page, "#qs-gebieden"))[0][0]);
        var headroom = await RowsAsync(page, "#qs-ruimte");
        Assert.Equal(area.GetProperty("headroom").EnumerateArray().Select(x => x.GetProperty("year").GetInt32()).Distinct().Count(), headroom.Length);
        Assert.Equal("2027", headroom[0][0]);
        Assert.StartsWith("-", headroom[0][2]); // expected scenario, 2027: short
        var alternatives = outcome.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("shortCode").GetString()).ToList();
        Assert.NotEmpty(alternatives);
        Assert.Equal(alternatives, (await RowsAsync(page, "#qs-alternatieven")).Select(r => r[0]));
        // Drawn: the place and every alternative.
        Assert.Equal((alternatives.Count + 1).ToString(), await page.GetAttributeAsync("#qs-uitkomst", "data-op-kaart"));
        await MapPage.AssertCleanAsync(page, problems);
        await MapPage.ScreenshotAsync(page, "quickscan", fullPage: true);

        // The link reopens the quickscan for the organisation.
        var (copy, copyProblems) = await MapPage.OpenAsync(hub, page.Url[page.Url.IndexOf('#')..]);
        await MapPage.SignInAsync(copy, "PV26");
        await copy.WaitForSelectorAsync("#qs-oordeel");
        Assert.Equal(await page.TextContentAsync("#qs-oordeel"), await copy.TextContentAsync("#qs-oordeel"));
        Assert.Equal(await RowsAsync(page, "#qs-alternatieven"), await RowsAsync(copy, "#qs-alternatieven"));
        Assert.True(copyProblems.Count == 0, string.Join("\n", copyProblems));
        await page.CloseAsync();
        await copy.CloseAsync();
    }

    [Fact]
    public async Task An_upload_is_checked_first_every_error_named_by_its_feature_or_row_then_imported_and_listed()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=aanleveren");
        await MapPage.SignInAsync(page, "GM0344");
        await page.WaitForSelectorAsync("#upload-formulier");
        async Task<int> Owned() => (await ApiAsync(page, "/api/v1/developments?owner=GM0344&limit=1")).GetProperty("numberMatched").GetInt32();
        var before = await Owned();

        static string Feature(string ext, string certainty) => """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[5.1214,52.0907]},"properties":{"externalId":"EXT","name":"Upload EXT",
             "planType":"woonagenda","sector":"housing","kind":"newBuildHomes","assetType":"consumer","certainty":"CERTAINTY",
             "quantities":[{"year":2029,"value":25,"unit":"homes"}],"carriers":["electricity"],
             "source":{"licence":"CC-BY-4.0","attribution":"Gemeente Utrecht","contact":{"name":"A. Planner","email":"planner@example.nl"}}}}
            """.Replace("EXT", ext).Replace("CERTAINTY", certainty);
        var ext = Guid.NewGuid().ToString("N")[..8];
        var bad = $$"""{"type":"FeatureCollection","features":[{{Feature(ext + "a", "planned")}},{{Feature(ext + "b", "someday")}},{{Feature(ext + "c", "planned")}}]}""";
        await page.SetInputFilesAsync("#upload-bestand", new FilePayload { Name = "ontwikkelingen.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.ClickAsync("#upload-formulier button[type=submit]");
        await page.WaitForSelectorAsync("#upload-fouten");
        var errors = await RowsAsync(page, "#upload-fouten");
        var error = Assert.Single(errors);
        Assert.Equal(("Object 2", "properties/certainty"), (error[0], error[1]));
        Assert.True(await page.IsDisabledAsync("#upload-definitief"));
        Assert.Equal(before, await Owned());
        await MapPage.ScreenshotAsync(page, "upload-errors", fullPage: true);

        // A CSV: a wrong row is named by its row number.
        var csv = "externalId,name,planType,sector,kind,assetType,certainty,unit,quantities,wkt\n" +
                  $"{ext}d,Woningen Lombok,woonagenda,housing,newBuildHomes,consumer,planned,homes,2028:80,\"POINT (5.10 52.09)\"\n" +
                  $"{ext}e,Woningen Zuilen,woonagenda,housing,newBuildHomes,consumer,planned,homes,2028:eighty,\"POINT (5.10 52.11)\"\n";
        await page.SetInputFilesAsync("#upload-bestand", new FilePayload { Name = "ontwikkelingen.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#upload-formulier button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelector('#upload-fouten tbody tr th')?.textContent === 'Rij 3'");
        Assert.Equal("quantities", (await RowsAsync(page, "#upload-fouten"))[0][1]);

        // The good file: checked (nothing stored yet), then imported, and listed first among the past imports.
        var good = csv.Replace("2028:eighty", "2028:60");
        await page.SetInputFilesAsync("#upload-bestand", new FilePayload { Name = "ontwikkelingen.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await page.ClickAsync("#upload-formulier button[type=submit]");
        await page.WaitForSelectorAsync("#upload-proef");
        Assert.Contains("2 nieuw", await page.TextContentAsync("#upload-proef"));
        Assert.Equal(before, await Owned());
        await page.ClickAsync("#upload-definitief");
        await page.WaitForSelectorAsync("#upload-klaar");
        Assert.Equal(before + 2, await Owned());
        var past = await RowsAsync(page, "#upload-lijst");
        Assert.Equal(("CSV", "2", "2"), (past[0][1], past[0][2], past[0][3]));
        // Chromium logs every 4xx answer to a fetch; the two refused files are the only ones, and expected.
        Assert.Equal(2, problems.RemoveAll(p => p.Contains("the server responded with a status of 400")));
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_organisation_without_the_submitter_role_is_told_it_cannot_submit()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#weergave=aanleveren");
        Assert.Contains("Aanleveren kan na inloggen", await page.TextContentAsync("#aanleveren-inhoud"));
        await MapPage.SignInAsync(page, "GM0355");
        await page.WaitForFunctionAsync("() => document.querySelector('#aanleveren-inhoud').textContent.includes('zonder de rol Submitter')");
        Assert.Equal(0, await page.Locator("#upload-formulier").CountAsync());
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }
}
