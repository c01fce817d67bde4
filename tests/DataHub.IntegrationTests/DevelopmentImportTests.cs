using static DataHub.IntegrationTests.Infrastructure.Imports;

namespace DataHub.IntegrationTests;

/// <summary>Bulk imports: GeoJSON and CSV, upsert on (owner, externalId), all or nothing, dry runs. SQLite and PostGIS.</summary>
public abstract class DevelopmentImportTests(Hub hub)
{
    [Fact]
    public async Task A_reimport_updates_what_changed_and_reports_the_rest_unchanged()
    {
        const string owner = "GM0340"; // Rhenen
        var client = hub.Client(owner);
        var ids = Enumerable.Range(0, 3).Select(_ => Id()).ToArray();
        JsonObject Build(int certaintyOf2 = 0) => Collection(ids.Select((ext, i) =>
            Point(ext, 5.57 + i * 0.002, 51.96, p => { if (i == 2 && certaintyOf2 == 1) p["certainty"] = "realised"; })));

        var first = await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Build())));
        Assert.Equal((3, 0, 0), Counts(first));
        Assert.Equal(owner, first["owner"]!.GetValue<string>());

        var second = await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Build(certaintyOf2: 1))));
        Assert.Equal((0, 1, 2), Counts(second));

        var stored = await (await client.GetAsync($"/api/v1/development-imports/{second["id"]}")).Body();
        Assert.Equal((0, 1, 2), Counts(stored));
        Assert.Equal(3, stored["featureCount"]!.GetValue<int>());
        // The report is the importer's: another organisation gets a 404.
        await (await hub.Client("GM0344").GetAsync($"/api/v1/development-imports/{second["id"]}")).Problem(HttpStatusCode.NotFound);
        // The organisation's past imports, newest first, each with what it did; another organisation sees none of them,
        // and an anonymous caller is asked to sign in.
        var past = (await (await client.GetAsync("/api/v1/development-imports")).Body())["items"]!.AsArray();
        Assert.Equal([second["id"]!.GetValue<string>(), first["id"]!.GetValue<string>()], past.Take(2).Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal((0, 1, 2), Counts(past[0]!.AsObject()));
        Assert.All(past, i => Assert.Equal(owner, i!["owner"]!.GetValue<string>()));
        var others = (await (await hub.Client("GM0344").GetAsync("/api/v1/development-imports")).Body())["items"]!.AsArray();
        Assert.DoesNotContain(others, i => i!["id"]!.GetValue<string>() == first["id"]!.GetValue<string>());
        await (await hub.Client().GetAsync("/api/v1/development-imports")).Problem(HttpStatusCode.Unauthorized);

        var list = await (await client.GetAsync($"/api/v1/developments?owner={owner}")).Body();
        Assert.Equal(3, list["numberMatched"]!.GetValue<int>());
        var third = list["features"]!.AsArray().Single(f => f!["properties"]!["externalId"]!.GetValue<string>() == ids[2]);
        Assert.Equal(2, third!["properties"]!["version"]!.GetValue<int>());
        Assert.Equal("realised", third["properties"]!["certainty"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_validates_and_reports_but_stores_nothing()
    {
        var client = hub.Client("GM0339"); // Renswoude
        var before = await StoreCounts.Of(hub);
        var report = await Imported(await client.PostAsync("/api/v1/development-imports?dryRun=true",
            Http.GeoJson(Collection([Point(Id(), 5.54, 52.07), Point(Id(), 5.541, 52.071)]))), HttpStatusCode.OK);
        Assert.True(report["dryRun"]!.GetValue<bool>());
        Assert.Equal((2, 0, 0), Counts(report));
        Assert.Null(report["id"]);
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task One_bad_feature_among_ten_thousand_good_ones_stores_nothing_and_is_reported_alone()
    {
        var client = hub.Client("GM0327"); // Leusden
        var before = await StoreCounts.Of(hub);
        var features = Enumerable.Range(0, 10_001).Select(i => Point($"bulk-{i}-{Id()}", 5.40 + (i % 100) * 0.0005, 52.10 + (i / 100) * 0.0002)).ToList();
        features[7_777]["properties"]!["quantities"]![0]!["value"] = -5;
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection(features)))).Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Equal(7_777, error["index"]!.GetValue<int>());
        Assert.Equal("/features/7777/properties/quantities/0/value", error["pointer"]!.GetValue<string>());
        Assert.Equal("negative", error["code"]!.GetValue<string>());
        Assert.Contains("7777", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Duplicate_externalIds_within_an_import_are_each_reported()
    {
        var client = hub.Client("GM0331"); // Lopik
        var before = await StoreCounts.Of(hub);
        var dup = Id();
        var problem = await (await client.PostAsync("/api/v1/development-imports",
            Http.GeoJson(Collection([Point(dup, 4.95, 51.97), Point(Id(), 4.95, 51.97), Point(dup, 4.951, 51.971)])))).Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Equal("/features/2/properties/externalId", error["pointer"]!.GetValue<string>());
        Assert.Equal("duplicateExternalId", error["code"]!.GetValue<string>());
        Assert.Contains("feature 0", error["message"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_development_may_refer_to_a_registered_plan_by_code_and_an_unknown_plan_is_an_error()
    {
        const string owner = "GM0345"; // Veenendaal
        var client = hub.Client(owner);
        var plan = new JsonObject { ["code"] = "woonagenda-2025", ["name"] = "Woonagenda Veenendaal 2025-2030", ["planType"] = "woonagenda", ["version"] = "1.0", ["status"] = "adopted", ["periodStart"] = 2025, ["periodEnd"] = 2030 };
        var created = await client.PostAsync("/api/v1/plans", new StringContent(plan.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.Body())["id"]!.GetValue<string>();

        var ok = await Imported(await client.PostAsync("/api/v1/development-imports",
            Http.GeoJson(Collection([Point(Id(), 5.55, 52.03, p => p["plan"] = "woonagenda-2025")]))));
        var dev = await (await client.GetAsync($"/api/v1/developments?owner={owner}")).Body();
        Assert.Equal(planId, dev["features"]![0]!["properties"]!["plan"]!.GetValue<string>());
        Assert.Equal(1, ok["created"]!.GetValue<int>());

        var before = await StoreCounts.Of(hub);
        var problem = await (await client.PostAsync("/api/v1/development-imports",
            Http.GeoJson(Collection([Point(Id(), 5.55, 52.03, p => p["plan"] = "no-such-plan")])))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/features/0/properties/plan", problem.Errors().Single()["pointer"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task An_import_that_is_not_a_FeatureCollection_is_rejected()
    {
        var client = hub.Client("GM0344");
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Point(Id())))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/type", problem.Errors().Single()["pointer"]!.GetValue<string>());
        await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection([])))).Problem(HttpStatusCode.BadRequest);
    }

    // Imports are read as a stream, in batches of 1,024 features written inside one transaction (DevelopmentImporter):
    // the tests below cross batch boundaries on purpose. One_bad_feature_among_ten_thousand… above fails in the second batch.

    [Fact]
    public async Task A_duplicate_in_a_later_batch_names_the_first_feature_and_stores_nothing()
    {
        var client = hub.Client("GM0356"); // Nieuwegein
        var before = await StoreCounts.Of(hub);
        var features = Enumerable.Range(0, 9_000).Select(i => Point($"dup-{i}-{Id()}", 5.08 + (i % 100) * 0.0003, 52.02 + (i / 100) * 0.0001)).ToList();
        features[8_500]["properties"]!["externalId"] = features[100]["properties"]!["externalId"]!.GetValue<string>();
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection(features)))).Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Equal("/features/8500/properties/externalId", error["pointer"]!.GetValue<string>());
        Assert.Contains("feature 100", error["message"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task The_members_of_a_FeatureCollection_may_come_in_any_order()
    {
        var client = hub.Client("GM0356");
        var features = new JsonArray(Point(Id(), 5.08, 52.03), Point(Id(), 5.081, 52.031));
        var json = $$"""{"features":{{features.ToJsonString()}},"name":"na de features","bbox":[5.0,52.0,5.1,52.1],"type":"FeatureCollection"}""";
        Assert.Equal((2, 0, 0), Counts(await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(json)))));
    }

    [Fact]
    public async Task A_wrong_type_after_thousands_of_features_stores_nothing()
    {
        var client = hub.Client("GM0356");
        var before = await StoreCounts.Of(hub);
        var features = new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode)Point($"late-type-{i}-{Id()}", 5.08 + (i % 50) * 0.0004, 52.02)).ToArray());
        var json = $$"""{"features":{{features.ToJsonString()}},"type":"Feature"}""";
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(json))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/type", problem.Errors().Single()["pointer"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task Broken_JSON_after_thousands_of_good_features_names_its_line_and_stores_nothing()
    {
        var client = hub.Client("GM0356");
        var before = await StoreCounts.Of(hub);
        // One feature per line; line 1 opens the collection, so feature 4,999 is on line 5,001. Its name has = for :.
        var lines = Enumerable.Range(0, 6_000).Select(i => Point($"broken-{i}-{Id()}", 5.08 + (i % 60) * 0.0003, 52.04).ToJsonString()).ToList();
        lines[4_999] = lines[4_999].Replace("\"name\":", "\"name\"=");
        var json = "{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n", lines) + "\n]}";
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(json))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("malformedJson", problem.Errors().Single()["code"]!.GetValue<string>());
        Assert.Contains("line 5001", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_feature_larger_than_the_read_buffer_is_read_whole()
    {
        var client = hub.Client("GM0356");
        // A circle of 6,000 vertices: about 230 kB of coordinates, more than the reader's 64 kB buffer.
        var ring = Enumerable.Range(0, 6_000).Select(k => (JsonNode)new JsonArray(
            Math.Round(5.09 + 0.004 * Math.Cos(2 * Math.PI * k / 6_000), 9), Math.Round(52.03 + 0.0025 * Math.Sin(2 * Math.PI * k / 6_000), 9))).ToList();
        ring.Add(ring[0]!.DeepClone());
        var big = Feature(Id(), new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray([.. ring])) });
        Assert.True(big.ToJsonString().Length > 128 * 1024);
        var report = await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection([Point(Id(), 5.08, 52.03), big, Point(Id(), 5.082, 52.03)]))));
        Assert.Equal((3, 0, 0), Counts(report));
        var stored = await (await client.GetAsync($"/api/v1/developments?owner=GM0356&externalId={big["properties"]!["externalId"]}")).Body();
        Assert.Equal(6_001, stored["features"]![0]!["geometry"]!["coordinates"]![0]!.AsArray().Count);
    }

    [Fact]
    public async Task An_import_writes_one_change_event_per_stored_version()
    {
        const string owner = "GM0321"; // Houten
        var client = hub.Client(owner);
        var since = "0";
        while (true) // to the newest event
        {
            var page = await (await client.GetAsync($"/api/v1/changes?since={since}&limit=1000")).Body();
            var next = page["nextCursor"]!.GetValue<string>();
            if (next == since) break;
            since = next;
        }
        var ids = Enumerable.Range(0, 5_000).Select(i => $"feed-{i}-{Id()}").ToList();
        JsonObject Build(bool changeFirst) => Collection(ids.Select((ext, i) =>
            Point(ext, 5.16 + (i % 50) * 0.0003, 52.02 + (i / 50) * 0.0001, p => { if (i == 0 && changeFirst) p["certainty"] = "realised"; })));
        await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Build(false))));
        await Imported(await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Build(true))));

        var events = new List<JsonNode>();
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/changes?since={since}&limit=1000")).Body();
            events.AddRange(page["events"]!.AsArray().Select(e => e!)); // this class's hub: only this test writes now
            var next = page["nextCursor"]!.GetValue<string>();
            if (next == since) break;
            since = next;
        }
        var mine = events.Where(e => e["resourceType"]!.GetValue<string>() == "development").ToList();
        Assert.Equal(5_001, mine.Count);
        Assert.Equal(5_000, mine.Count(e => e["kind"]!.GetValue<string>() == "created" && e["version"]!.GetValue<int>() == 1));
        var updated = Assert.Single(mine, e => e["kind"]!.GetValue<string>() == "updated");
        Assert.Equal(2, updated["version"]!.GetValue<int>());
        Assert.Equal(5_000, mine.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
        var sequences = mine.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }
}

public sealed class DevelopmentImportOnSqlite(SqliteHub hub) : DevelopmentImportTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentImportOnPostgis(PostgresHub hub) : DevelopmentImportTests(hub), IClassFixture<PostgresHub>;

/// <summary>The feature limit of an import, crossed after the first batches were written: 413 and nothing stored.</summary>
public abstract class ImportLimitTests(Hub hub)
{
    [Fact]
    public async Task An_import_over_the_feature_limit_is_413_and_stores_nothing()
    {
        var client = hub.Client("GM0344");
        var before = await StoreCounts.Of(hub);
        var features = Enumerable.Range(0, 9_001).Select(i => Point($"limit-{i}-{Id()}", 5.10 + (i % 100) * 0.0003, 52.08 + (i / 100) * 0.0001));
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.GeoJson(Collection(features)))).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("more than 9000 features", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    public sealed class SqliteLimitHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:Limits:MaxImportFeatures"] = "9000" };
    }

    public sealed class PostgisLimitHub : Hub
    {
        public override Database Database => Database.Postgres;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataHub:Limits:MaxImportFeatures"] = "9000" };
    }
}

public sealed class ImportLimitOnSqlite(ImportLimitTests.SqliteLimitHub hub) : ImportLimitTests(hub), IClassFixture<ImportLimitTests.SqliteLimitHub>;

public sealed class ImportLimitOnPostgis(ImportLimitTests.PostgisLimitHub hub) : ImportLimitTests(hub), IClassFixture<ImportLimitTests.PostgisLimitHub>;
