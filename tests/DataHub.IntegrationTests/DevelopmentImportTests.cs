using System.Net;
using System.Text.Json.Nodes;
using DataHub.IntegrationTests.Infrastructure;
using static DataHub.IntegrationTests.Infrastructure.Features;

namespace DataHub.IntegrationTests;

/// <summary>Bulk imports: GeoJSON and CSV, upsert on (owner, externalId), all or nothing, dry runs. SQLite and PostGIS.</summary>
public abstract class DevelopmentImportTests(Hub hub)
{
    private static async Task<JsonNode> Imported(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.Created)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static (int Created, int Updated, int Unchanged) Counts(JsonNode report) =>
        (report["created"]!.GetValue<int>(), report["updated"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>());

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
    public async Task A_CSV_with_WKT_in_CRS84_and_one_with_x_y_in_RD_New_import()
    {
        const string owner = "GM0352"; // Wijk bij Duurstede
        var client = hub.Client(owner);
        var a = Id(); var b = Id();
        var wkt = "externalId,name,planType,sector,kind,assetType,certainty,unit,quantities,carriers,peakOfftakeMw,wkt\n" +
                  $"{a},Laadplein Markt,RAL,mobility,chargingHub,consumer,planned,chargingPoints,2027:10;2030:24,electricity,2030:0.9,\"POINT (5.34 51.975)\"\n" +
                  $"{b},Woningen Noord,woonagenda,housing,newBuildHomes,consumer,inProcedure,homes,2028:80;2031:200,electricity;heat,,\"POLYGON ((5.33 51.98, 5.335 51.98, 5.335 51.985, 5.33 51.985, 5.33 51.98))\"\n";
        Assert.Equal((2, 0, 0), Counts(await Imported(await client.PostAsync("/api/v1/development-imports", Http.Csv(wkt)))));

        var c = Id();
        var xy = "externalId;name;planType;sector;kind;assetType;certainty;unit;quantities;x;y\n" +
                 $"{c};Zonnedak;RES;renewableGeneration;rooftopSolar;producer;realised;MWp;2025:1.5;151757;442955\n";
        Assert.Equal((1, 0, 0), Counts(await Imported(await client.PostAsync("/api/v1/development-imports", Http.Csv(xy, "EPSG:28992")))));

        var list = await (await client.GetAsync($"/api/v1/developments?owner={owner}")).Body();
        var byExt = list["features"]!.AsArray().ToDictionary(f => f!["properties"]!["externalId"]!.GetValue<string>(), f => f!);
        Assert.Equal(3, byExt.Count);
        Assert.Equal(0.9, byExt[a]["properties"]!["energy"]![0]!["peakOfftakeMw"]!.GetValue<double>());
        Assert.Equal("Polygon", byExt[b]["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(["electricity", "heat"], byExt[b]["properties"]!["carriers"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("GM0352", byExt[c]["properties"]!["municipalityCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task CSV_errors_name_their_row_and_column_and_nothing_is_stored()
    {
        var client = hub.Client("GM0355"); // Zeist
        var before = await StoreCounts.Of(hub);
        var csv = "externalId,name,planType,sector,kind,assetType,certainty,unit,quantities,wkt\n" +
                  $"{Id()},Goed,woonagenda,housing,newBuildHomes,consumer,planned,homes,2028:80,\"POINT (5.23 52.09)\"\n" +
                  $"{Id()},Fout,woonagenda,housing,newBuildHomes,consumer,someday,homes,2028:80,\"POINT (5.23 52.09)\"\n" +
                  $"{Id()},Fout,woonagenda,housing,newBuildHomes,consumer,planned,homes,2028:eighty,\"POINT (5.23 52.09)\"\n" +
                  $"{Id()},Fout,woonagenda,housing,newBuildHomes,consumer,planned,homes,2028:80,\"POINT (5.23\"\n";
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.Csv(csv))).Problem(HttpStatusCode.BadRequest);
        var errors = problem.Errors().Select(e => (e["row"]!.GetValue<int>(), e["column"]?.GetValue<string>())).ToList();
        Assert.Contains((3, "certainty"), errors);
        Assert.Contains((4, "quantities"), errors);
        Assert.Contains((5, "wkt"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 2);
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
}

public sealed class DevelopmentImportOnSqlite(SqliteHub hub) : DevelopmentImportTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentImportOnPostgis(PostgresHub hub) : DevelopmentImportTests(hub), IClassFixture<PostgresHub>;
