using static DataHub.IntegrationTests.Infrastructure.Imports;

namespace DataHub.IntegrationTests;

/// <summary>Developments imported from CSV on both databases: WKT or x/y columns in any supported CRS, errors by row and column, batches all or nothing.</summary>
public abstract class DevelopmentCsvImportTests(Hub hub)
{
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
    public async Task A_CSV_over_several_batches_imports_whole_and_a_bad_last_row_stores_nothing()
    {
        const string owner = "GM0353"; // IJsselstein
        var client = hub.Client(owner);
        string Csv(int rows, int? badRow = null)
        {
            var text = new System.Text.StringBuilder("externalId;name;planType;sector;kind;assetType;certainty;unit;quantities;x;y\n");
            var run = Id();
            for (var i = 0; i < rows; i++)
                text.Append($"csv-{run}-{i};Woningen {i};woonagenda;housing;newBuildHomes;consumer;{(i + 2 == badRow ? "someday" : "planned")};homes;2028:{10 + i % 50};{F(5.04 + i % 100 * 0.0003)};{F(52.03 + i / 100 * 0.0001)}\n");
            return text.ToString();
        }
        var before = await StoreCounts.Of(hub);
        var problem = await (await client.PostAsync("/api/v1/development-imports", Http.Csv(Csv(9_000, badRow: 9_001)))).Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Equal((9_001, "certainty"), (error["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
        Assert.Equal(before, await StoreCounts.Of(hub));

        Assert.Equal((9_000, 0, 0), Counts(await Imported(await client.PostAsync("/api/v1/development-imports", Http.Csv(Csv(9_000))))));
        var list = await (await client.GetAsync($"/api/v1/developments?owner={owner}&limit=1")).Body();
        Assert.Equal(9_000, list["numberMatched"]!.GetValue<int>());
    }
}

public sealed class DevelopmentCsvImportOnSqlite(SqliteHub hub) : DevelopmentCsvImportTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentCsvImportOnPostgis(PostgresHub hub) : DevelopmentCsvImportTests(hub), IClassFixture<PostgresHub>;
