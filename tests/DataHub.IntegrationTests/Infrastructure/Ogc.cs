using System.Diagnostics;

namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Builders and clients for the OGC API tests: seeded developments and a short energy area, GeoJSON pages, GDAL's tools.</summary>
public static class Ogc
{
    public const string Base = "/ogc/v1";

    private static int _areas;

    /// <summary>
    /// An owner's developments: two public, one shared and one confidential, in Utrecht; their external ids, and the
    /// items query that selects exactly these four (the hub is shared by the class's tests).
    /// </summary>
    public static async Task<(string Owner, string[] Public, string Shared, string Confidential, string Mine)> OgcSeedAsync(this Hub hub)
    {
        const string owner = "CLUSTER6";
        var client = hub.Client(owner);
        var tag = Id();
        async Task<string> Submit(string ext, string visibility, double lon)
        {
            var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, lon, 52.09, p =>
            {
                p["visibility"] = visibility; p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification";
            })));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return ext;
        }
        string[] publicOnes = [await Submit($"{tag}-p1", "public", 5.11), await Submit($"{tag}-p2", "public", 5.12)];
        var (shared, confidential) = (await Submit($"{tag}-s", "shared", 5.13), await Submit($"{tag}-c", "confidential", 5.14));
        return (owner, publicOnes, shared, confidential, $"owner={owner}&externalId={string.Join(",", publicOnes.Append(shared).Append(confidential))}");
    }

    public static async Task<JsonNode> Get(HttpClient client, string url, string mediaType = "application/json")
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Every feature of a collection the client sees with <paramref name="query"/>, following next links.</summary>
    public static async Task<List<JsonNode>> AllItems(HttpClient client, string collection, string query)
    {
        var features = new List<JsonNode>();
        string? url = $"{Base}/collections/{collection}/items?{query}";
        while (url is not null)
        {
            var page = await Get(client, url, "application/geo+json");
            features.AddRange(page["features"]!.AsArray().Select(f => f!));
            url = page["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
        }
        return features;
    }

    /// <summary>
    /// A STEDIN energy area of its own (2 MW offtake from 2025) with 1,500 homes from 2027 in it (2.4 MW): short in the
    /// committed scenario from 2027, with the capacity map's <paramref name="works"/> (JSON). Its short code.
    /// </summary>
    public static async Task<string> ShortAreaAsync(this Hub hub, string works = "[]")
    {
        var shortCode = $"OS OGC {Id()}";
        // Each call's area lies apart from the others' (a point is assigned to one area): 0.1° further east each time.
        var west = 5.6 + 0.1 * Interlocked.Increment(ref _areas);
        var stedin = hub.Client("STEDIN", "Submitter");
        var map = $$"""{"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"{{shortCode}}","issued":"2026-11-01","energy_areas":[{"short_code":"{{shortCode}}","works":{{works}}}]}""";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        var areas = FormattableString.Invariant($$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[{{{west}}},52.30],[{{{west + 0.05}}},52.30],[{{{west + 0.05}}},52.33],[{{{west}}},52.33],[{{{west}}},52.30]]]},
              "properties":{"shortCode":"{{{shortCode}}}","capacity":[{"year":2025,"offtakeMw":2,"feedInMw":20}]}}]}
            """);
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas))).StatusCode);
        var homes = Point(Id(), west + 0.02, 52.31, p =>
        {
            p["visibility"] = "public"; p["certainty"] = "permitted";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 1500, ["unit"] = "homes" });
        });
        Assert.Equal(HttpStatusCode.Created, (await hub.Client("GM0034").PostAsync("/api/v1/developments", Http.GeoJson(homes))).StatusCode);
        return shortCode;
    }

    public static async Task<string> Gdal(string tool, params string[] args) => (await GdalWithLog(tool, args)).Output;

    /// <summary>Runs a GDAL tool; its standard output and its log (standard error: debug lines, warnings).</summary>
    public static async Task<(string Output, string Log)> GdalWithLog(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {await error}");
        return (await output, await error);
    }
}
