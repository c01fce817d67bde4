namespace DataHub.IntegrationTests;

/// <summary>A development's versions over HTTP: preconditions, first writer wins, the history and asOf, retirement. Runs on SQLite and on PostGIS.</summary>
public abstract class DevelopmentVersionTests(Hub hub)
{
    private const string Utrecht = "GM0344";

    [Fact]
    public async Task An_update_without_If_Match_is_refused_with_428_and_one_with_a_stale_ETag_with_412()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        var url = await CreatedAsync(client, ext);
        var changed = Point(ext, props: p => p["certainty"] = "realised");
        await (await client.Send(HttpMethod.Put, url, Http.GeoJson(changed))).Problem(HttpStatusCode.PreconditionRequired);
        await (await client.Send(HttpMethod.Put, url, Http.GeoJson(changed), "\"7\"")).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("permitted", (await (await client.GetAsync(url)).Body())["properties"]!["certainty"]!.GetValue<string>());
    }

    [Fact]
    public async Task Of_two_writers_with_the_same_ETag_the_first_wins_and_the_second_is_told_it_is_stale()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        var url = await CreatedAsync(client, ext);
        var ok = await client.Send(HttpMethod.Put, url, Http.GeoJson(Point(ext, props: p => p["certainty"] = "realised")), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag?.Tag);
        Assert.Equal("realised", (await ok.Body())["properties"]!["certainty"]!.GetValue<string>());
        await (await client.Send(HttpMethod.Put, url, Http.GeoJson(Point(ext)), "\"1\"")).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("realised", (await (await client.GetAsync(url)).Body())["properties"]!["certainty"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_keeps_every_version_and_asOf_reads_the_one_in_force_then()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        var url = await CreatedAsync(client, ext);
        Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Put, url, Http.GeoJson(Point(ext, props: p => p["certainty"] = "realised")), "\"1\"")).StatusCode);

        var versions = await (await client.GetAsync($"{url}/versions")).Body();
        var features = versions["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        Assert.Equal("permitted", features[0]!["properties"]!["certainty"]!.GetValue<string>());
        Assert.Equal("realised", features[1]!["properties"]!["certainty"]!.GetValue<string>());
        var firstValidTo = features[0]!["properties"]!["validTo"]!.GetValue<DateTime>();
        Assert.Equal(firstValidTo, features[1]!["properties"]!["updatedAt"]!.GetValue<DateTime>());

        // asOf a moment inside version 1's validity gives version 1; before it, there was no record.
        var v1From = features[0]!["properties"]!["updatedAt"]!.GetValue<DateTime>();
        var between = v1From + (firstValidTo - v1From) / 2;
        var asOf = await (await client.GetAsync($"{url}?asOf={Uri.EscapeDataString(between.ToUniversalTime().ToString("O"))}")).Body();
        Assert.Equal(1, asOf["properties"]!["version"]!.GetValue<int>());
        var before = await client.GetAsync($"{url}?asOf={Uri.EscapeDataString(v1From.AddSeconds(-5).ToUniversalTime().ToString("O"))}");
        await before.Problem(HttpStatusCode.NotFound);
    }

    /// <summary>A permitted development of Utrecht's, created; its URL.</summary>
    private static async Task<string> CreatedAsync(HttpClient client, string ext)
    {
        var created = await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return $"/api/v1/developments/{(await created.Body())["id"]!.GetValue<string>()}";
    }

    [Fact]
    public async Task Putting_the_same_content_again_adds_no_version()
    {
        var client = hub.Client(Utrecht);
        var ext = Id();
        var id = (await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext)))).Body())["id"]!.GetValue<string>();
        var again = await client.Send(HttpMethod.Put, $"/api/v1/developments/{id}", Http.GeoJson(Point(ext)), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("\"1\"", again.Headers.ETag?.Tag);
        var versions = await (await client.GetAsync($"/api/v1/developments/{id}/versions")).Body();
        Assert.Single(versions["features"]!.AsArray());
    }

    [Fact]
    public async Task Delete_retires_as_a_new_version_and_lists_leave_it_out()
    {
        var org = "GM0353";
        var client = hub.Client(org);
        var ext = Id();
        var id = (await (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(ext, 5.12, 52.03)))).Body())["id"]!.GetValue<string>();
        await (await client.Send(HttpMethod.Delete, $"/api/v1/developments/{id}")).Problem(HttpStatusCode.PreconditionRequired);
        var deleted = await client.Send(HttpMethod.Delete, $"/api/v1/developments/{id}", null, "\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("\"2\"", deleted.Headers.ETag?.Tag);

        var get = await (await client.GetAsync($"/api/v1/developments/{id}")).Body();
        Assert.True(get["properties"]!["retired"]!.GetValue<bool>());
        Assert.Equal("retired", get["properties"]!["changeKind"]!.GetValue<string>());
        var list = await (await client.GetAsync($"/api/v1/developments?externalId={ext}")).Body();
        Assert.Equal(0, list["numberMatched"]!.GetValue<int>());
        var withRetired = await (await client.GetAsync($"/api/v1/developments?externalId={ext}&includeRetired=true")).Body();
        Assert.Equal(1, withRetired["numberMatched"]!.GetValue<int>());
        var versions = await (await client.GetAsync($"/api/v1/developments/{id}/versions")).Body();
        Assert.Equal(2, versions["features"]!.AsArray().Count);
    }
}

public sealed class DevelopmentVersionsOnSqlite(SqliteHub hub) : DevelopmentVersionTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentVersionsOnPostgis(PostgresHub hub) : DevelopmentVersionTests(hub), IClassFixture<PostgresHub>;
