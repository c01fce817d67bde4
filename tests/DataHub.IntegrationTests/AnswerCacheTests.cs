namespace DataHub.IntegrationTests;

/// <summary>
/// The development list is answered from memory while nothing it depends on has changed (AnswerCache). These tests ask
/// the same URL as callers of different scopes in turn, and after writes and agreement changes: a cached answer is never
/// shown to a caller who may see less, every write is seen by the next read, and every read is still audited.
/// A repeated answer that is byte for byte the same (its timeStamp included) shows that the cache answered.
/// </summary>
public abstract class AnswerCacheTests(Hub hub)
{
    private const string Owner = "GM0307"; // Amersfoort

    private static JsonObject Agreement(string recipient, string level = "detail") => new()
    {
        ["recipients"] = new JsonArray(new JsonObject { ["organisation"] = recipient }),
        ["scope"] = new JsonObject(), ["level"] = level, ["purpose"] = "netplanning", ["validFrom"] = "2026-01-01", ["status"] = "active",
    };

    private async Task<(string Public, string Shared, string Confidential, string Url)> ThreeRecordsAsync(HttpClient owner)
    {
        var batch = Id();
        var ids = new List<string>();
        foreach (var visibility in new[] { "public", "shared", "confidential" })
        {
            var created = await owner.PostAsync("/api/v1/developments", Http.GeoJson(Point($"{batch}-{visibility}", 5.38, 52.15, p => p["visibility"] = visibility)));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            ids.Add((await created.Body())["id"]!.GetValue<string>());
        }
        return (ids[0], ids[1], ids[2], $"/api/v1/developments?owner={Owner}&externalId={batch}-public,{batch}-shared,{batch}-confidential");
    }

    private static async Task<(string Raw, string[] Ids, JsonNode Body)> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(raw)!;
        var ids = body["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(ids.Length, body["numberMatched"]!.GetValue<int>());
        return (raw, ids, body);
    }

    private static bool ShowsContact(JsonNode body, string id) =>
        body["features"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!["properties"]!["source"]?["contact"] is not null;

    [Fact]
    public async Task The_same_url_asked_by_callers_of_different_scopes_in_turn_shows_each_exactly_what_it_may_see()
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var (pub, shared, confidential, url) = await ThreeRecordsAsync(owner);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement("STEDIN")))).StatusCode);

        var callers = new (string Name, HttpClient Client, string[] Sees, bool Contact)[]
        {
            ("owner", owner, [pub, shared, confidential], true),
            ("anonymous", hub.Client(), [pub], false),
            ("STEDIN, named in a detail agreement", hub.Client("STEDIN", "Reader"), [pub, shared, confidential], true),
            ("STEDIN with other roles", hub.Client("STEDIN", "Reader", "Submitter"), [pub, shared, confidential], true),
            ("LIANDER, a grid operator too but not named", hub.Client("LIANDER", "Reader"), [pub], false),
            ("PV26, the owner's province", hub.Client("PV26", "Reader"), [pub], false),
        };
        var first = new Dictionary<string, string>();
        // Twice round, so that each caller's second ask could be answered from any earlier caller's cached answer.
        foreach (var round in new[] { 1, 2 })
        foreach (var (name, client, sees, contact) in callers)
        {
            var (raw, ids, body) = await ListAsync(client, url);
            Assert.True(sees.Order().SequenceEqual(ids), $"round {round}, {name}: saw {string.Join(",", ids)}");
            Assert.Equal(contact, ShowsContact(body, pub));
            if (round == 1) first[name] = raw;
            else Assert.Equal(first[name], raw); // the cached answer, byte for byte
        }
        // Six scopes, six answers built apart (their timeStamps differ), even where two show the same records.
        Assert.Equal(6, first.Values.Distinct().Count());
    }

    [Fact]
    public async Task A_write_an_agreement_change_and_a_retirement_are_each_seen_by_the_next_read()
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var (pub, shared, confidential, url) = await ThreeRecordsAsync(owner);
        var enexis = hub.Client("ENEXIS", "Reader");
        var anonymous = hub.Client();
        Assert.Equal([pub], (await ListAsync(enexis, url)).Ids);
        Assert.Equal([pub], (await ListAsync(anonymous, url)).Ids);

        // An agreement opens the shared and confidential records to ENEXIS at once, and to nobody else.
        var created = await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement("ENEXIS")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = (await created.Body())["id"]!.GetValue<string>();
        var granted = await ListAsync(enexis, url);
        Assert.Equal(new[] { pub, shared, confidential }.Order(), granted.Ids);
        Assert.True(ShowsContact(granted.Body, shared) && ShowsContact(granted.Body, confidential), "the detail agreement shows the contact");
        Assert.Equal([pub], (await ListAsync(anonymous, url)).Ids);

        // A new version of a record: its name changes in the next answer.
        var before = (await ListAsync(anonymous, url)).Body;
        var externalId = before["features"]![0]!["properties"]!["externalId"]!.GetValue<string>();
        var put = await owner.Send(HttpMethod.Put, $"/api/v1/developments/{pub}",
            Http.GeoJson(Point(externalId, 5.38, 52.15, p => { p["visibility"] = "public"; p["name"] = "Nieuwe naam"; })), "\"1\"");
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var after = (await ListAsync(anonymous, url)).Body;
        Assert.NotEqual("Nieuwe naam", before["features"]![0]!["properties"]!["name"]!.GetValue<string>());
        Assert.Equal("Nieuwe naam", after["features"]![0]!["properties"]!["name"]!.GetValue<string>());

        // Aggregate-only: the detail view closes at once.
        var aggregateOnly = await owner.Send(HttpMethod.Put, $"/api/v1/sharing-agreements/{agreement}", Json(Agreement("ENEXIS", "aggregateOnly")), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, aggregateOnly.StatusCode);
        Assert.Equal([pub], (await ListAsync(enexis, url)).Ids);

        // Retired: gone from the list for everyone.
        var retire = await owner.Send(HttpMethod.Delete, $"/api/v1/developments/{pub}", null, "\"2\"");
        Assert.Equal(HttpStatusCode.NoContent, retire.StatusCode);
        Assert.Empty((await ListAsync(anonymous, url)).Ids);
        Assert.Equal(new[] { shared, confidential }.Order(), (await ListAsync(owner, url)).Ids);
    }

    [Fact]
    public async Task Every_read_of_a_cached_answer_is_audited_and_links_follow_the_host_asked()
    {
        var owner = hub.Client(Owner, "Submitter", "OrgAdmin");
        var (_, _, _, url) = await ThreeRecordsAsync(owner);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/sharing-agreements", Json(Agreement("TENNET")))).StatusCode);
        var tennet = hub.Client("TENNET", "Reader");
        async Task<int> Reads() => (await (await owner.GetAsync("/api/v1/audit-events?limit=1000")).Body())["items"]!.AsArray()
            .Count(e => e!["organisation"]?.GetValue<string>() == "TENNET" && e["action"]!.GetValue<string>() == "read");

        var before = await Reads();
        var first = await ListAsync(tennet, url);
        var second = await ListAsync(tennet, url);
        Assert.Equal(first.Raw, second.Raw); // the second came from the cache ...
        Assert.Equal(before + 2, await Reads()); // ... and was audited all the same

        // The links name the host the caller asked: another Host header is another answer.
        var other = new HttpRequestMessage(HttpMethod.Get, url);
        other.Headers.Host = "hub.example.nl";
        var otherBody = await (await tennet.SendAsync(other)).Body();
        Assert.StartsWith("http://hub.example.nl/", otherBody["links"]![0]!["href"]!.GetValue<string>());
        Assert.StartsWith("http://localhost/", first.Body["links"]![0]!["href"]!.GetValue<string>());
    }
}

public sealed class AnswerCacheOnSqlite(SqliteHub hub) : AnswerCacheTests(hub), IClassFixture<SqliteHub>;

public sealed class AnswerCacheOnPostgis(PostgresHub hub) : AnswerCacheTests(hub), IClassFixture<PostgresHub>;
