using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace DataHub.Bench;

/// <summary>
/// The hub's OGC API – Features against a reference OGC server on the same data: MapServer 8 (Debian's
/// <c>cgi-mapserver</c>, OGC API – Features built in) over the same PostGIS table the hub writes. A national set of
/// developments (the import benchmark's generator, all public, all points: a MapServer layer has one geometry type) is
/// imported into a Release hub on PostgreSQL; MapServer serves the versions in force through a view of that table.
/// Both answer anonymous callers the same features.
///
/// MapServer in its best form here: FastCGI under lighttpd with four resident processes (two per core), the PostGIS
/// connection kept open between requests (<c>PROCESSING "CLOSE_CONNECTION=DEFER"</c>), the layer's extent declared
/// (so it is not computed per request), the table's GiST index and ANALYZE'd statistics. MapServer pages by offset,
/// the hub by keyset cursor; the deep page compares the two at the same depth.
///   dotnet run -c Release --project bench/DataHub.Bench -- ogc-reference [--developments 250000] [--seconds 15] [--postgres "&lt;conn&gt;"]
/// </summary>
public static class OgcReferenceBench
{
    private const int Port = 5099;

    public static async Task<int> RunAsync(string root, int developments, int seconds, string? postgres)
    {
        if (string.IsNullOrEmpty(postgres)) { Console.Error.WriteLine("PostgreSQL is needed: --postgres \"<conn>\" or DATAHUB_TEST_POSTGRES"); return 1; }
        foreach (var tool in new[] { "/usr/bin/wrk", "/usr/bin/ogr2ogr", "/usr/lib/cgi-bin/mapserv", "/usr/sbin/lighttpd" })
            if (!File.Exists(tool)) { Console.Error.WriteLine($"{tool} is needed (apt-get install wrk gdal-bin cgi-mapserver lighttpd)"); return 1; }
        var dir = Directory.CreateTempSubdirectory("datahub-ogc-reference-");
        await using var db = await ScratchDatabase.CreateAsync(postgres, "datahub_ogcref");
        try
        {
            var file = Path.Combine(dir.FullName, "developments.geojson");
            // Points only: a MapServer layer has one geometry type (a POLYGON layer drops points, a POINT layer polygons).
            NationalDevelopments.Write(file, developments, 0, seed: 42);
            await using var hub = await OgcBench.StartWithImportAsync("ogc-reference", root, file, developments, "Postgres", db.ConnectionString, "PostgreSQL 15 + PostGIS");
            await ExecuteAsync(db.ConnectionString, """
                CREATE VIEW reference_developments AS
                SELECT row_id, development_id::text AS id, external_id, owner_code AS owner, name, plan_type, sector, kind, asset_type, certainty,
                       visibility, commissioning_year, decommissioning_year, quantities_json AS quantities, carriers_json AS carriers,
                       municipality_code, province_code, res_region_code, version, valid_from AS updated_at, geometry
                FROM development_versions WHERE valid_to IS NULL AND NOT is_retired AND visibility = 'public';
                ANALYZE development_versions;
                """);

            await using var mapserver = await MapServer.StartAsync(dir.FullName, db.ConnectionString);
            var hubBase = hub.Http.BaseAddress!.ToString().TrimEnd('/') + "/ogc/v1/collections/developments/items";
            var msBase = $"http://127.0.0.1:{Port}/mapserv/DEV/ogcapi/collections/developments/items";
            using var http = new HttpClient();
            var hubFirst = (await http.GetFromJsonAsync<JsonObject>($"{hubBase}?limit=100"))!;
            var msFirst = (await http.GetFromJsonAsync<JsonObject>($"{msBase}?f=json&limit=100"))!;
            long Matched(JsonObject page) => page["numberMatched"]!.GetValue<long>();
            Console.WriteLine($"anonymous: the hub matches {Matched(hubFirst):N0}, MapServer {Matched(msFirst):N0}; a page of 100 is {hubFirst.ToJsonString().Length / 1024} KB from the hub, {msFirst.ToJsonString().Length / 1024} KB from MapServer");
            if (Matched(hubFirst) != Matched(msFirst)) throw new InvalidOperationException("the two servers do not serve the same features");

            // Utrecht and surroundings: about a twentieth of the country.
            const string box = "4.9,51.95,5.4,52.25";
            var deep = Matched(hubFirst) * 3 / 5;
            var cursor = await CursorAtAsync(http, hubBase, deep);
            Console.WriteLine($"| read (anonymous, wrk -t2 -c16 -d{seconds}s) | hub req/s | hub p99 ms | MapServer req/s | MapServer p99 ms | hub ÷ MapServer |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (what, hubUrl, msUrl) in new[]
            {
                ("first page, 100", $"{hubBase}?limit=100", $"{msBase}?f=json&limit=100"),
                ("first page, 1,000", $"{hubBase}?limit=1000", $"{msBase}?f=json&limit=1000"),
                ("bbox (Utrecht), 100", $"{hubBase}?limit=100&bbox={box}", $"{msBase}?f=json&limit=100&bbox={box}"),
                ($"deep page at {deep:N0}, 100", $"{hubBase}?limit=100&cursor={cursor}", $"{msBase}?f=json&limit=100&offset={deep}"),
            })
            {
                await OgcBench.WrkAsync(hubUrl, null, 3); // warm-up: JIT, caches, connection pools, FastCGI processes
                await OgcBench.WrkAsync(msUrl, null, 3);
                var h = await OgcBench.WrkAsync(hubUrl, null, seconds);
                var m = await OgcBench.WrkAsync(msUrl, null, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {h.Rps:N0} | {h.P99:0.0} | {m.Rps:N0} | {m.P99:0.0} | {h.Rps / m.Rps:0.00} |"));
            }

            Console.WriteLine("| full copy with ogr2ogr (OAPIF, 10,000 a page) into a GeoPackage | seconds | features |");
            Console.WriteLine("| --- | ---: | ---: |");
            var (hubSeconds, hubCount) = await OgcBench.Ogr2OgrAsync(Path.Combine(dir.FullName, "hub.gpkg"),
                [$"OAPIF:{hub.Http.BaseAddress}ogc/v1/collections/developments", "-oo", "PAGE_SIZE=10000", "-nln", "developments"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the hub (keyset cursor) | {hubSeconds:0.0} | {hubCount:N0} |"));
            var (msSeconds, msCount) = await OgcBench.Ogr2OgrAsync(Path.Combine(dir.FullName, "mapserver.gpkg"),
                [$"OAPIF:http://127.0.0.1:{Port}/mapserv/DEV/ogcapi/collections/developments", "-oo", "PAGE_SIZE=10000", "-nln", "developments"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MapServer (offset) | {msSeconds:0.0} | {msCount:N0} |"));
            return 0;
        }
        finally { dir.Delete(true); }
    }

    /// <summary>The hub's cursor that starts a page <paramref name="depth"/> features in (its next links, at 10,000 a page).</summary>
    private static async Task<string> CursorAtAsync(HttpClient http, string items, long depth)
    {
        string? url = $"{items}?limit=10000";
        string cursor = "";
        for (long seen = 0; seen < depth && url is not null;)
        {
            var page = (await http.GetFromJsonAsync<JsonObject>(url))!;
            seen += page["numberReturned"]!.GetValue<int>();
            url = page["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
            if (url is not null) cursor = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["cursor"]!;
        }
        return cursor;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>MapServer 8's OGC API under lighttpd (FastCGI), reading the view over PostgreSQL.</summary>
    private sealed class MapServer : IAsyncDisposable
    {
        private readonly Process _lighttpd;
        private MapServer(Process lighttpd) => _lighttpd = lighttpd;

        public static async Task<MapServer> StartAsync(string dir, string connectionString)
        {
            var c = new NpgsqlConnectionStringBuilder(connectionString);
            var map = Path.Combine(dir, "developments.map");
            await File.WriteAllTextAsync(map, $$"""
                MAP
                  NAME "datahub_reference"
                  EXTENT 3.2 50.7 7.3 53.7
                  PROJECTION "init=epsg:4326" END
                  WEB
                    METADATA
                      "oga_onlineresource" "http://127.0.0.1:{{Port}}/mapserv/DEV/ogcapi"
                      "oga_title" "reference"
                      "oga_enable_request" "*"
                      "oga_max_limit" "10000"
                      "oga_default_limit" "100"
                      "ows_srs" "EPSG:4326 OGC:CRS84"
                    END
                  END
                  LAYER
                    NAME "developments"
                    TYPE POINT
                    STATUS ON
                    EXTENT 3.2 50.7 7.3 53.7
                    PROCESSING "CLOSE_CONNECTION=DEFER"
                    CONNECTIONTYPE POSTGIS
                    CONNECTION "host={{c.Host}} port={{c.Port}} dbname={{c.Database}} user={{c.Username}} password={{c.Password}}"
                    DATA "geometry from reference_developments using unique row_id using srid=4326"
                    PROJECTION "init=epsg:4326" END
                    METADATA
                      "oga_title" "developments"
                      "gml_include_items" "all"
                      "gml_exclude_items" "row_id"
                      "gml_featureid" "id"
                      "gml_types" "auto"
                      "oga_use_default_extent_for_getfeature" "false"
                    END
                    TEMPLATE "void"
                  END
                END
                """);
            var config = Path.Combine(dir, "mapserver.conf");
            await File.WriteAllTextAsync(config, $$"""
                CONFIG
                  ENV
                    MS_MAP_PATTERN "^{{dir}}/"
                  END
                  MAPS
                    DEV "{{map}}"
                  END
                END
                """);
            var lighttpdConf = Path.Combine(dir, "lighttpd.conf");
            await File.WriteAllTextAsync(lighttpdConf, $$"""
                server.modules = ("mod_fastcgi")
                server.document-root = "{{dir}}"
                server.port = {{Port}}
                server.bind = "127.0.0.1"
                server.max-connections = 256
                server.errorlog = "{{dir}}/lighttpd.log"
                fastcgi.server = ( "/mapserv" => ((
                  "bin-path" => "/usr/lib/cgi-bin/mapserv",
                  "socket" => "{{dir}}/mapserv.sock",
                  "check-local" => "disable",
                  "max-procs" => 4,
                  "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "{{config}}" )
                )))
                """);
            var lighttpd = Process.Start(new ProcessStartInfo("/usr/sbin/lighttpd", ["-D", "-f", lighttpdConf]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            using var http = new HttpClient();
            for (var i = 0; ; i++)
            {
                try { if ((await http.GetAsync($"http://127.0.0.1:{Port}/mapserv/DEV/ogcapi/collections/developments?f=json")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
                if (i > 40 || lighttpd.HasExited) throw new InvalidOperationException($"MapServer did not start: {await File.ReadAllTextAsync(Path.Combine(dir, "lighttpd.log"))}");
                await Task.Delay(250);
            }
            return new MapServer(lighttpd);
        }

        public async ValueTask DisposeAsync()
        {
            _lighttpd.Kill(entireProcessTree: true);
            await _lighttpd.WaitForExitAsync();
            _lighttpd.Dispose();
        }
    }
}
