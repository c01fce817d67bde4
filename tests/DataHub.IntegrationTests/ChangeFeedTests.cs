namespace DataHub.IntegrationTests;

/// <summary>The change feed over HTTP on both databases: order, kinds, access, and paging under concurrent writes.</summary>
public abstract class ChangeFeedTests(Hub hub)
{
    /// <summary>Reads the feed from a cursor to its end, page by page.</summary>
    private static async Task<(List<JsonNode> Events, string Cursor)> Drain(HttpClient client, string since, int limit = 50, string filter = "")
    {
        var events = new List<JsonNode>();
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await (await client.GetAsync($"/api/v1/changes?since={since}&limit={limit}{filter}")).Body();
            var batch = page["events"]!.AsArray().Select(e => e!).ToList();
            var next = page["nextCursor"]!.GetValue<string>();
            events.AddRange(batch);
            if (batch.Count == 0 && next == since) return (events, since);
            since = next;
        }
        throw new InvalidOperationException("the feed did not end");
    }

    private static async Task<string> Head(HttpClient client) => (await Drain(client, "0", 1000)).Cursor;

    [Fact]
    public async Task Creates_updates_and_retires_arrive_in_order_with_their_versions()
    {
        var client = hub.Client("GM0344", "Submitter");
        var start = await Head(client);
        var created = await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id())))).Body();
        var id = created["id"]!.GetValue<string>();
        var url = $"/api/v1/developments/{id}";
        var changed = Point(created["properties"]!["externalId"]!.GetValue<string>(), props: p => p["certainty"] = "realised");
        Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Put, url, Http.GeoJson(changed), "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Send(HttpMethod.Delete, url, null, "\"2\"")).StatusCode);

        var (events, cursor) = await Drain(client, start);
        var mine = events.Where(e => e["id"]!.GetValue<string>() == id).ToList();
        Assert.Equal([("created", 1), ("updated", 2), ("retired", 3)],
            mine.Select(e => (e["kind"]!.GetValue<string>(), e["version"]!.GetValue<int>())));
        Assert.All(mine, e => Assert.Equal("development", e["resourceType"]!.GetValue<string>()));
        var sequences = events.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        // Resumable: from the last cursor there is nothing new, and the same cursor comes back.
        var again = await (await client.GetAsync($"/api/v1/changes?since={cursor}")).Body();
        Assert.Empty(again["events"]!.AsArray());
        Assert.Equal(cursor, again["nextCursor"]!.GetValue<string>());
        // Filtered by resource type.
        var (grid, _) = await Drain(client, start, filter: "&resourceType=energyArea,station");
        Assert.DoesNotContain(grid, e => e["resourceType"]!.GetValue<string>() == "development");
        await (await client.GetAsync("/api/v1/changes?since=abc")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/changes?resourceType=unicorn")).Problem(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/changes?limit=5000")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_feed_shows_each_caller_only_what_it_may_see()
    {
        var owner = hub.Client("CLUSTER6", "Submitter", "OrgAdmin");
        var start = await Head(owner);
        var confidential = Point(Id(), props: p => { p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification"; p["assetType"] = "consumer"; p["visibility"] = "confidential"; });
        var id = (await (await owner.PostAsync("/api/v1/developments", Http.GeoJson(confidential))).Body())["id"]!.GetValue<string>();
        var agreement = new JsonObject
        {
            ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = "STEDIN" }), ["scope"] = new JsonObject(),
            ["level"] = "aggregateOnly", ["purpose"] = "netplanning", ["validFrom"] = "2026-01-01", ["status"] = "active",
        };
        var agreementId = (await (await owner.PostAsync("/api/v1/sharing-agreements", new StringContent(agreement.ToJsonString(), Encoding.UTF8, "application/json"))).Body())["id"]!.GetValue<string>();

        bool Has(List<JsonNode> events, string resource) => events.Any(e => e["id"]!.GetValue<string>() == resource);
        var (own, _) = await Drain(owner, start);
        Assert.True(Has(own, id));
        Assert.True(Has(own, agreementId));
        // The recipient sees the agreement addressed to it, not the confidential record (aggregate-only is not detail).
        var (stedin, _) = await Drain(hub.Client("STEDIN", "Reader"), start);
        Assert.True(Has(stedin, agreementId));
        Assert.False(Has(stedin, id));
        // Others see neither; anonymous callers see public resources only.
        var (province, _) = await Drain(hub.Client("PV26", "Reader"), start);
        Assert.False(Has(province, id) || Has(province, agreementId));
        var (anonymous, _) = await Drain(hub.Client(), start);
        Assert.False(Has(anonymous, id) || Has(anonymous, agreementId));
    }

    [Fact]
    public async Task Paging_while_others_write_neither_loses_nor_repeats_an_event()
    {
        var reader = hub.Client("PV26", "Reader");
        var start = await Head(reader);
        const int writers = 6, each = 12;
        var seen = new List<JsonNode>();
        var cursor = start;
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var client = hub.Client($"GM03{44 + w}", "Submitter");
            for (var i = 0; i < each; i++)
            {
                var response = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(Id(), 5.0 + w * 0.01, 52.0 + i * 0.001)));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        })));
        // Read small pages all the time the writers are busy, then to the end. A short pause between pages keeps the
        // reader within its rate limit however long the writers take (a 429 has no events).
        while (!writing.IsCompleted)
        {
            await Task.Delay(20);
            var response = await reader.GetAsync($"/api/v1/changes?since={cursor}&limit=7&resourceType=development");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Body();
            seen.AddRange(page["events"]!.AsArray().Select(e => e!));
            cursor = page["nextCursor"]!.GetValue<string>();
        }
        await writing;
        var (rest, _) = await Drain(reader, cursor, 7, "&resourceType=development");
        seen.AddRange(rest);

        var sequences = seen.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(writers * each, seen.Count(e => e["kind"]!.GetValue<string>() == "created"));
        // Exactly what a single read from the same starting point gives afterwards.
        var (once, _) = await Drain(reader, start, 1000, "&resourceType=development");
        Assert.Equal(once.Select(e => e["sequence"]!.GetValue<long>()), sequences);
    }
}

public sealed class ChangeFeedOnSqlite(SqliteHub hub) : ChangeFeedTests(hub), IClassFixture<SqliteHub>;

public sealed class ChangeFeedOnPostgis(PostgresHub hub) : ChangeFeedTests(hub), IClassFixture<PostgresHub>;
