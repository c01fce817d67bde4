using System.Net.Http.Headers;
using DataHub.Api.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataHub.IntegrationTests;

/// <summary>
/// Two hub nodes on one PostGIS database, as behind a load balancer: a write through one is seen at once through the
/// other in detail, list, change feed and analysis (bottlenecks, from the other node's already-built model); of
/// concurrent PUTs with the same If-Match through both nodes exactly one succeeds.
/// </summary>
public sealed class TwoNodesOnPostgis(PostgresHub hub) : IClassFixture<PostgresHub>
{
    private static HttpClient Client(WebApplicationFactory<Program> node, string organisation, params string[] roles)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hub.Token(organisation, roles));
        return client;
    }

    private static async Task<List<JsonNode>> ChangeFeed(HttpClient client)
    {
        var events = new List<JsonNode>();
        string? cursor = null;
        while (true)
        {
            var page = await (await client.GetAsync("/api/v1/changes?limit=1000" + (cursor is null ? "" : $"&since={cursor}"))).Body();
            var items = page["events"]!.AsArray().Select(e => e!).ToList();
            if (items.Count == 0) return events;
            events.AddRange(items);
            cursor = page["nextCursor"]!.GetValue<string>();
        }
    }

    [Fact]
    public async Task A_write_through_one_node_is_seen_at_once_through_the_other_in_detail_list_feed_and_analysis()
    {
        var nodeA = hub.Factory;
        await using var nodeB = hub.Node();
        var houtenA = Client(nodeA, "GM0321", Roles.Submitter);
        var provinceB = Client(nodeB, "PV26", Roles.Reader);

        // Grid data through node A; node B builds its analysis model before the homes exist: no bottleneck.
        var stedin = Client(nodeA, "STEDIN", Roles.Submitter);
        var map = """{"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"two-nodes","issued":"2026-11-01","energy_areas":[{"short_code":"OS Houten 2N","works":[]}]}""";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        var areas = """
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.12,52.00],[5.22,52.00],[5.22,52.05],[5.12,52.05],[5.12,52.00]]]},
              "properties":{"shortCode":"OS Houten 2N","capacity":[{"year":2025,"offtakeMw":2,"feedInMw":20}]}}]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas))).StatusCode);
        const string bottlenecks = "/api/v1/bottlenecks?operator=STEDIN&scenario=committed&fromYear=2026&toYear=2030";
        bool HasBottleneck(JsonNode answer) => answer["items"]!.AsArray().Any(b => b!["area"]!["shortCode"]!.GetValue<string>() == "OS Houten 2N");
        Assert.False(HasBottleneck(await (await provinceB.GetAsync(bottlenecks)).Body()));

        // 1,500 homes from 2027 through node A: 2.4 MW > 2 MW. Node B has answered the list that will hold them (and
        // keeps that answer in its cache) before they exist.
        var ext = Id();
        var listUrl = $"/api/v1/developments?externalId={ext}&owner=GM0321";
        Assert.Equal(0, (await (await provinceB.GetAsync(listUrl)).Body())["numberMatched"]!.GetValue<int>());
        var homes = Point(ext, 5.17, 52.03, p => p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2027, ["value"] = 1500, ["unit"] = "homes" }));
        var created = await houtenA.PostAsync("/api/v1/developments", Http.GeoJson(homes));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Body())["id"]!.GetValue<string>();

        // Through node B at once: detail, list, change feed, analysis.
        Assert.Equal(HttpStatusCode.OK, (await provinceB.GetAsync($"/api/v1/developments/{id}")).StatusCode);
        var list = await (await provinceB.GetAsync(listUrl)).Body();
        Assert.Equal(1, list["numberMatched"]!.GetValue<int>());
        Assert.Contains(await ChangeFeed(provinceB), e => e["id"]?.GetValue<string>() == id);
        Assert.True(HasBottleneck(await (await provinceB.GetAsync(bottlenecks)).Body()), "node B's analysis does not see node A's write");

    }

    [Fact]
    public async Task Of_two_concurrent_puts_with_the_same_If_Match_through_two_nodes_exactly_one_wins()
    {
        var nodeA = hub.Factory;
        await using var nodeB = hub.Node();
        var houtenA = Client(nodeA, "GM0321", Roles.Submitter);
        var houtenB = Client(nodeB, "GM0321", Roles.Submitter);
        var provinceB = Client(nodeB, "PV26", Roles.Reader);
        var ext = Id();
        var listUrl = $"/api/v1/developments?externalId={ext}&owner=GM0321";
        var created = await houtenA.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, 5.17, 52.03)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Body())["id"]!.GetValue<string>();
        Assert.Equal(1, (await (await provinceB.GetAsync(listUrl)).Body())["numberMatched"]!.GetValue<int>()); // node B has the list in its cache

        var answers = await Task.WhenAll(
            houtenA.Send(HttpMethod.Put, $"/api/v1/developments/{id}", Http.GeoJson(Point(ext, 5.17, 52.03, p => p["name"] = "through A")), "\"1\""),
            houtenB.Send(HttpMethod.Put, $"/api/v1/developments/{id}", Http.GeoJson(Point(ext, 5.17, 52.03, p => p["name"] = "through B")), "\"1\""));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        var versions = await (await provinceB.GetAsync($"/api/v1/developments/{id}/versions")).Body();
        Assert.Equal(2, versions["features"]!.AsArray().Count);
        var winner = versions["features"]![1]!["properties"]!["name"]!.GetValue<string>();
        Assert.Equal(winner, (await (await provinceB.GetAsync(listUrl)).Body())["features"]![0]!["properties"]!["name"]!.GetValue<string>());
    }
}
