namespace DataHub.IntegrationTests;

/// <summary>Aggregates under disclosure control, over HTTP on both databases, with hand-computed figures.</summary>
public abstract class AggregateTests(Hub hub)
{
    private const string Recipient = "PV26";
    private const string Query = "/api/v1/development-aggregates?level=municipality&area=GM0307&fromYear=2030&toYear=2030&planType=CES";

    private async Task Confidential(string owner, double mw, double lon = 5.387, double lat = 52.156)
    {
        var client = hub.Client(owner, "Submitter", "OrgAdmin");
        var feature = Point(Id(), lon + mw / 100_000, lat, p =>
        {
            p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification"; p["certainty"] = "planned";
            p["quantities"] = new JsonArray(new JsonObject { ["year"] = 2029, ["value"] = mw, ["unit"] = "MW" });
        });
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/developments", Http.GeoJson(feature))).StatusCode);
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = Recipient }),
            ["scope"] = new JsonObject { ["planTypes"] = new JsonArray("CES") },
            ["level"] = "aggregateOnly", ["purpose"] = "pMIEK 2027", ["validFrom"] = "2026-01-01", ["status"] = "active",
        };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/sharing-agreements",
            new StringContent(agreement.ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);
    }

    private async Task<JsonNode?> Cell(HttpClient client)
    {
        var body = await (await client.GetAsync(Query)).Body();
        return body["cells"]!.AsArray().SingleOrDefault(c => c!["sector"]!.GetValue<string>() == "industry" && c["unit"]!.GetValue<string>() == "MW");
    }

    [Fact]
    public async Task Energy_area_loads_count_aggregate_only_data_under_the_same_disclosure_control()
    {
        // An energy area near Zwolle, where this test's confidential CES plans lie (the other test's are in Amersfoort).
        var stedin = hub.Client("ENEXIS");
        var map = """{"conforms_to":"http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0","creator":"t","identifier":"agg","issued":"2026-11-01","energy_areas":[{"short_code":"OS Zwolle","works":[]}]}""";
        Assert.Equal(HttpStatusCode.Created, (await stedin.PostAsync("/api/v1/capacity-map-imports", new StringContent(map, Encoding.UTF8, "application/json"))).StatusCode);
        var areas = """
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "geometry":{"type":"Polygon","coordinates":[[[5.95,52.45],[6.15,52.45],[6.15,52.55],[5.95,52.55],[5.95,52.45]]]},
              "properties":{"shortCode":"OS Zwolle","capacity":[{"year":2025,"offtakeMw":10,"feedInMw":10}]}}]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await stedin.PostAsync("/api/v1/energy-area-imports", Http.GeoJson(areas))).StatusCode);
        var rules = DataHub.Api.Features.Analysis.RuleSetCatalogue.Instance.Default;
        var perMw = rules.RulesFor("electrification", "MW").Single(r => r.Carrier == "electricity").PeakOfftakeMw!.Value * rules.SimultaneityOf("industry");
        var province = hub.Client(Recipient, "Reader");
        async Task<JsonNode> Year2030(HttpClient client) =>
            (await (await client.GetAsync("/api/v1/area-loads?area=OS%20Zwolle&scenario=expected&fromYear=2030&toYear=2030&contributions=true")).Body())["items"]![0]!;

        await Confidential("GM0307", 40, 6.05, 52.5);
        await Confidential("GM0345", 30, 6.05, 52.5);
        // Two owners: left out of the province's figures, and it says so.
        var two = await Year2030(province);
        Assert.Equal(0, two["peakOfftakeMw"]!.GetValue<double>());
        Assert.Contains("fewer than 3 owners", two["aggregateOnlyWithheldBecause"]!.GetValue<string>());
        Assert.Empty(two["contributions"]!.AsArray());
        // The owner counts its own 40 MW in detail.
        Assert.Equal(40 * perMw, (await Year2030(hub.Client("GM0307", "Reader")))["peakOfftakeMw"]!.GetValue<double>(), 6);

        // A third owner: 100 MW of three owners, none above 80 %: in the total, and none of them listed.
        await Confidential("GM0327", 30, 6.05, 52.5);
        var three = await Year2030(province);
        Assert.Equal(100 * perMw, three["peakOfftakeMw"]!.GetValue<double>(), 6);
        Assert.Equal(3, three["aggregateOnlyDevelopments"]!.GetValue<int>());
        Assert.Null(three["aggregateOnlyWithheldBecause"]);
        Assert.Empty(three["contributions"]!.AsArray());
        // The bottleneck they cause shows too, with no cause the province may not see.
        var bottleneck = (await (await province.GetAsync("/api/v1/bottlenecks?area=OS%20Zwolle&scenario=expected&fromYear=2030&toYear=2030")).Body())["items"]!.AsArray();
        Assert.Empty(Assert.Single(bottleneck)!["causedBy"]!.AsArray());
        // Others without an agreement see no load at all.
        Assert.Equal(0, (await Year2030(hub.Client("PV27", "Reader")))["peakOfftakeMw"]!.GetValue<double>());

        // The analysis reads were audited for each owner.
        var events = (await (await hub.Client("GM0345", "OrgAdmin").GetAsync("/api/v1/audit-events")).Body())["items"]!.AsArray();
        Assert.Contains(events, e => e!["organisation"]!.GetValue<string>() == Recipient && e["detail"]!.GetValue<string>().StartsWith("area loads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Aggregate_only_data_is_shown_in_totals_only_when_it_passes_disclosure_control()
    {
        var province = hub.Client(Recipient, "Reader");
        await Confidential("GM0307", 40);
        await Confidential("GM0345", 30);

        // Two owners: withheld, with no value and no count.
        var two = await Cell(province);
        Assert.True(two!["suppressed"]!.GetValue<bool>());
        Assert.Null(two["total"]);
        Assert.Null(two["count"]);
        // The owner sees its own record in detail: its cell holds only that (40 MW), shown.
        var own = await Cell(hub.Client("GM0307", "Reader"));
        Assert.Equal(40, own!["total"]!.GetValue<double>());
        Assert.False(own["suppressed"]!.GetValue<bool>());
        // Without an agreement, nothing: the cell does not exist for an anonymous caller or another province.
        Assert.Null(await Cell(hub.Client()));
        Assert.Null(await Cell(hub.Client("PV27", "Reader")));
        // The record itself stays hidden from the recipient: aggregate-only is not detail.
        var list = await (await province.GetAsync("/api/v1/developments?owner=GM0307,GM0345&planType=CES")).Body();
        Assert.Equal(0, list["numberMatched"]!.GetValue<int>());

        // A third owner: 40 + 30 + 30 = 100 MW, largest 40 % ≤ 80 %: shown.
        await Confidential("GM0327", 30);
        var three = await Cell(province);
        Assert.False(three!["suppressed"]!.GetValue<bool>());
        Assert.Equal(100, three["total"]!.GetValue<double>());
        Assert.Equal(3, three["count"]!.GetValue<int>());

        // A dominant owner: 40 + 30 + 30 + 500 = 600, largest 83 % > 80 %: withheld again.
        await Confidential("GM0317", 500);
        var dominated = await Cell(province);
        Assert.True(dominated!["suppressed"]!.GetValue<bool>());
        Assert.StartsWith("one owner", dominated["suppressedBecause"]!.GetValue<string>());

        // The aggregate reads were audited for each owner.
        var events = (await (await hub.Client("GM0345", "OrgAdmin").GetAsync("/api/v1/audit-events")).Body())["items"]!.AsArray();
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "aggregate" && e["organisation"]!.GetValue<string>() == Recipient);
    }

    [Fact]
    public async Task Bad_aggregate_queries_name_their_parameter()
    {
        foreach (var (query, parameter) in new[] { ("level=street", "level"), ("fromYear=1990", "fromYear"), ("sector=space", "sector"), ("fromYear=2030&toYear=2020", "toYear") })
        {
            var problem = await (await hub.Client().GetAsync($"/api/v1/development-aggregates?{query}")).Problem(HttpStatusCode.BadRequest);
            Assert.Contains(problem.Errors(), e => e["parameter"]!.GetValue<string>() == parameter);
        }
    }
}

public sealed class AggregateOnSqlite(SqliteHub hub) : AggregateTests(hub), IClassFixture<SqliteHub>;

public sealed class AggregateOnPostgis(PostgresHub hub) : AggregateTests(hub), IClassFixture<PostgresHub>;
