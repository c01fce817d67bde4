using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace DataHub.BrowserTests;

/// <summary>
/// At national scale, more developments than one answer holds are drawn from the hub's vector tiles in the Dutch grid
/// (OGC API – Tiles, NetherlandsRDNewQuad), read with the user's token; zoomed in, the map draws and lists them again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevelopmentTilesTests(BrowserHub hub)
{
    public static TheoryData<int, int> Screens => new() { { 1280, 800 }, { 390, 844 } };

    /// <summary>More than the map draws at once (1,000): confidential ones of CLUSTER6 around Groningen, apart from the demo in Utrecht.</summary>
    private const int Seeded = 1_050;
    private const string Tag = "tegeltest";
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded;
    /// <summary>The ids of the seeded developments, as the hub gave them.</summary>
    private static readonly HashSet<string> SeededIds = [];

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (_seeded) return;
            using var http = new HttpClient { BaseAddress = new Uri(hub.BaseUrl) };
            var signIn = await http.PostAsJsonAsync("/api/v1/sign-in/local-token", new { organisation = "CLUSTER6", roles = new[] { "Reader", "Submitter" } });
            signIn.EnsureSuccessStatusCode();
            var token = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
            var features = Enumerable.Range(0, Seeded).Select(i => new
            {
                type = "Feature",
                geometry = new { type = "Point", coordinates = new[] { 6.45 + i % 35 * 0.01, 53.15 + i / 35 * 0.006 } },
                properties = new
                {
                    externalId = $"{Tag}-{i}", name = $"Tegeltest {i}", planType = "CES", sector = "industry", kind = "electrification", assetType = "consumer",
                    certainty = "planned", visibility = "confidential", quantities = new[] { new { year = 2030, value = 1, unit = "homes" } }, carriers = new[] { "electricity" },
                    source = new { licence = "CC-BY-4.0", attribution = "Cluster 6", contact = new { name = "A. Planner", email = "planner@example.nl" } },
                },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/development-imports")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { type = "FeatureCollection", features }), System.Text.Encoding.UTF8, "application/geo+json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var imported = await http.SendAsync(request);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            // Their ids: CLUSTER6's developments around Groningen, read back page by page.
            string? next = "/api/v1/developments?owner=CLUSTER6&bbox=6.4,53.1,6.85,53.4&limit=1000";
            while (next is not null)
            {
                using var list = new HttpRequestMessage(HttpMethod.Get, next);
                list.Headers.Authorization = request.Headers.Authorization;
                var page = JsonDocument.Parse(await (await http.SendAsync(list)).Content.ReadAsStringAsync()).RootElement;
                foreach (var f in page.GetProperty("features").EnumerateArray())
                    if (f.GetProperty("properties").GetProperty("externalId").GetString()!.StartsWith(Tag, StringComparison.Ordinal)) SeededIds.Add(f.GetProperty("id").GetString()!);
                next = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next").Select(l => l.GetProperty("href").GetString()).FirstOrDefault();
            }
            Assert.Equal(Seeded, SeededIds.Count);
            _seeded = true;
        }
        finally { Seeding.Release(); }
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task At_national_scale_the_map_draws_the_developments_from_vector_tiles_read_with_the_users_token(int width, int height)
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        await SeedAsync();
        // Groningen at zoom 4 (215 m a pixel): wider than the 60 km in which developments are drawn one by one.
        var (page, problems) = await MapPage.OpenAsync(hub, "#midden=233000,582000&zoom=4&owner=CLUSTER6", width, height);
        var tiles = new List<IResponse>();
        page.Response += (_, r) => { if (r.Url.Contains("/tiles/NetherlandsRDNewQuad/", StringComparison.Ordinal)) lock (tiles) tiles.Add(r); };
        await MapPage.SignInAsync(page, "CLUSTER6");
        await page.WaitForFunctionAsync("() => document.querySelector('#ontwikkelingen-aantal').textContent.includes('als tegels')");
        await page.WaitForFunctionAsync("() => !document.querySelector('#status').textContent.includes('laden')");
        // The tiles in view load after the layer shows, each in its own request: read them as they come, until all the
        // seeded ones have arrived (or the wait runs out and the assertion below says how many did).
        var decoded = new HashSet<string>(); // tiles read
        var found = new HashSet<string>(); // developments in them by id (one near a tile's edge is in its neighbour's buffer too)
        var waited = Stopwatch.StartNew();
        while (!SeededIds.IsSubsetOf(found) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            List<IResponse> seen;
            lock (tiles) seen = [.. tiles.Where(t => !decoded.Contains(t.Url))];
            foreach (var response in seen)
            {
                Assert.Equal(200, response.Status);
                Assert.Contains("owner=CLUSTER6", response.Url); // the map's filter travels with the tile
                Assert.StartsWith("Bearer ", await response.Request.HeaderValueAsync("authorization") ?? "");
                var path = new Uri(response.Url).AbsolutePath.Split('/');
                var (z, y, x) = (int.Parse(path[^3]), int.Parse(path[^2]), int.Parse(path[^1]));
                var tile = new MapboxTileReader().Read(new MemoryStream(await response.BodyAsync()), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));
                decoded.Add(response.Url);
                var features = tile.Layers.SelectMany(l => l.Features).ToList();
                // The map asks only for what its style reads.
                Assert.All(features, f => Assert.Equal(["certainty", "id", "sector"], f.Attributes.GetNames().Order()));
                found.UnionWith(features.Select(f => (string)f.Attributes["id"]));
            }
            if (!SeededIds.IsSubsetOf(found)) await Task.Delay(250);
        }
        // Confidential: only a token of CLUSTER6 puts them in a tile (in view around Groningen: the seeded ones only).
        Assert.True(SeededIds.IsSubsetOf(found), $"{SeededIds.Intersect(found).Count()} of the {Seeded} confidential developments in {decoded.Count} tiles in view");
        await MapPage.AssertCleanAsync(page, problems);
        await MapPage.ScreenshotAsync(page, $"tegels-{width}");

        // Zoomed in on the municipality, the developments are drawn and listed one by one again.
        await page.FillAsync("#zoekterm", "Gemeente Groningen");
        await page.PressAsync("#zoekterm", "Enter");
        await page.WaitForFunctionAsync("() => { const t = document.querySelector('#ontwikkelingen-aantal').textContent; return /^\\d+ ontwikkelingen/.test(t) && !t.includes('als tegels'); }");
        Assert.True(await page.Locator("#ontwikkelingen-rijen tr").CountAsync() > 0);
        await MapPage.AssertCleanAsync(page, problems);
        await page.CloseAsync();
    }
}
