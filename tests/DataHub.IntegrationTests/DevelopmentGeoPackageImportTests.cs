using System.Diagnostics;
using System.Net.Http.Headers;
using static DataHub.IntegrationTests.Infrastructure.Imports;

namespace DataHub.IntegrationTests;

/// <summary>
/// Developments imported from a GeoPackage on both databases: a GIS user's file (made here with GDAL's ogr2ogr), the
/// hub's own export imported back, errors by row (the feature's fid) and column with nothing stored, and a file that
/// is not a GeoPackage.
/// </summary>
public abstract class DevelopmentGeoPackageImportTests(Hub hub)
{
    /// <summary>A GeoPackage made by ogr2ogr from GeoJSON features with the CSV format's columns (as a GIS user's layer would carry them), in RD New.</summary>
    private static async Task<byte[]> GeoPackageAsync(params (string ExternalId, string Certainty, double X, double Y)[] rows)
    {
        var dir = Directory.CreateTempSubdirectory("datahub-gpkg-import-");
        try
        {
            var features = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(r.X, r.Y) },
                ["properties"] = new JsonObject
                {
                    ["externalId"] = r.ExternalId, ["name"] = $"Woningen {r.ExternalId}", ["planType"] = "woonagenda", ["sector"] = "housing",
                    ["kind"] = "newBuildHomes", ["assetType"] = "consumer", ["certainty"] = r.Certainty, ["unit"] = "homes", ["quantities"] = "2028:80;2031:200",
                },
            })]);
            var source = Path.Combine(dir.FullName, "woningbouw.geojson");
            await File.WriteAllTextAsync(source, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString());
            var target = Path.Combine(dir.FullName, "woningbouw.gpkg");
            using (var ogr = Process.Start(new ProcessStartInfo("ogr2ogr", ["-f", "GPKG", target, source, "-a_srs", "EPSG:28992"]) { RedirectStandardError = true })!)
            {
                await ogr.WaitForExitAsync();
                Assert.Equal(0, ogr.ExitCode);
            }
            return await File.ReadAllBytesAsync(target);
        }
        finally { dir.Delete(true); }
    }

    private static ByteArrayContent Gpkg(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/geopackage+sqlite3");
        return content;
    }

    [Fact]
    public async Task A_GIS_users_GeoPackage_in_RD_New_imports_with_its_columns_read_as_the_CSV_format()
    {
        const string owner = "GM0352"; // Wijk bij Duurstede
        var client = hub.Client(owner);
        var (a, b) = (Id(), Id());
        var report = await Imported(await client.PostAsync("/api/v1/development-imports", Gpkg(await GeoPackageAsync((a, "planned", 151757, 442955), (b, "permitted", 151900, 443100)))));
        Assert.Equal((2, 0, 0), Counts(report));
        Assert.Equal("gpkg", report["format"]!.GetValue<string>());
        var created = await (await client.GetAsync($"/api/v1/developments?externalId={a}")).Body();
        var properties = created["features"]![0]!["properties"]!;
        Assert.Equal("GM0352", properties["municipalityCode"]!.GetValue<string>()); // RD New read as RD New
        Assert.Equal(200, properties["quantities"]![1]!["value"]!.GetValue<double>());
    }

    /// <summary>
    /// What the export carries comes back as it was. (It carries no source metadata, stated energy or description: a
    /// record that has them is updated without them, as a CSV without those columns would update it.)
    /// </summary>
    [Fact]
    public async Task The_hubs_own_GeoPackage_export_imports_back_unchanged()
    {
        const string owner = "GM0356"; // Nieuwegein
        var client = hub.Client(owner);
        var (a, b) = (Id(), Id());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/developments", Http.GeoJson(Point(a, 5.09, 52.03, p => p.Remove("source"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/developments", Http.GeoJson(Square(b, 5.10, 52.02, 0.002, p => p.Remove("source"))))).StatusCode);
        var export = await (await client.GetAsync($"/ogc/v1/collections/developments/export?f=gpkg&owner={owner}&externalId={a},{b}")).Content.ReadAsByteArrayAsync();
        Assert.Equal((0, 0, 2), Counts(await Imported(await client.PostAsync("/api/v1/development-imports", Gpkg(export)))));
    }

    [Fact]
    public async Task A_bad_row_is_named_by_its_fid_and_column_and_nothing_is_stored()
    {
        var client = hub.Client("GM0355"); // Zeist
        var before = await StoreCounts.Of(hub);
        var response = await client.PostAsync("/api/v1/development-imports", Gpkg(await GeoPackageAsync((Id(), "planned", 141000, 455000), (Id(), "someday", 141100, 455100))));
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal((2, "certainty"), (error!["row"]!.GetValue<int>(), error["column"]!.GetValue<string>()));
        Assert.Equal(before, await StoreCounts.Of(hub));
    }

    [Fact]
    public async Task A_file_that_is_not_a_GeoPackage_is_refused_as_such()
    {
        var problem = await (await hub.Client("GM0355").PostAsync("/api/v1/development-imports", Gpkg(Encoding.UTF8.GetBytes("not a database")))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("invalidGeoPackage", problem["errors"]![0]!["code"]!.GetValue<string>());
    }
}

public sealed class DevelopmentGeoPackageImportOnSqlite(SqliteHub hub) : DevelopmentGeoPackageImportTests(hub), IClassFixture<SqliteHub>;

public sealed class DevelopmentGeoPackageImportOnPostgis(PostgresHub hub) : DevelopmentGeoPackageImportTests(hub), IClassFixture<PostgresHub>;
