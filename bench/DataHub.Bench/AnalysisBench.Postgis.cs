using System.Diagnostics;
using System.Globalization;
using DataHub.Api.Data;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Developments;
using DataHub.Api.Operations;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace DataHub.Bench;

/// <summary>The analysis benchmark's reference: the same aggregation as one PostGIS query.</summary>
public static partial class AnalysisBench
{
    /// <summary>
    /// The same aggregation in PostGIS: developments joined to energy areas with ST_Intersects (a polygon by its area
    /// share), the quantity in force per year from the JSON, times the rule, summed per area and year with the
    /// sectors' simultaneity. One scenario (everything), no bottlenecks: less work than the hub's recompute.
    /// </summary>
    private static async Task<double> PostgisAsync(string connection, List<DevelopmentVersion> rows, List<GridArea> areas, CalculationRuleSet rules)
    {
        var db = $"datahub_analysis_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(connection))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {db}", admin).ExecuteNonQueryAsync();
        }
        try
        {
            var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connection) { Database = db, CommandTimeout = 0 }.ToString());
            builder.UseNetTopologySuite();
            await using var source = builder.Build();
            await using var c = await source.OpenConnectionAsync();
            async Task Exec(string sql) { await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 }; await cmd.ExecuteNonQueryAsync(); }
            await Exec("""
                CREATE EXTENSION postgis;
                CREATE TABLE energy_areas (id uuid PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL);
                CREATE TABLE developments (id uuid PRIMARY KEY, sector text, kind text, quantities jsonb, geom geometry(Geometry, 4326) NOT NULL);
                CREATE TABLE rules (kind text, unit text, peak_offtake_mw float8, peak_feed_in_mw float8, annual_mwh float8);
                CREATE TABLE simultaneity (sector text PRIMARY KEY, factor float8);
                """);
            await c.ReloadTypesAsync(); // the geometry type exists only now
            await using (var w = await c.BeginBinaryImportAsync("COPY energy_areas (id, geom) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var a in areas) { await w.StartRowAsync(); await w.WriteAsync(a.Id); await w.WriteAsync(a.Boundary); }
                await w.CompleteAsync();
            }
            await using (var w = await c.BeginBinaryImportAsync("COPY developments (id, sector, kind, quantities, geom) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in rows)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(r.DevelopmentId); await w.WriteAsync(r.Sector); await w.WriteAsync(r.Kind);
                    await w.WriteAsync(r.QuantitiesJson, NpgsqlDbType.Jsonb); await w.WriteAsync(r.Geometry);
                }
                await w.CompleteAsync();
            }
            foreach (var r in rules.Rules.Where(r => r.Carrier == "electricity"))
                await Exec(string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO rules VALUES ('{r.Kind}', '{r.Unit}', {r.PeakOfftakeMw ?? 0}, {r.PeakFeedInMw ?? 0}, {r.AnnualEnergyMwh ?? 0})"));
            foreach (var s in CodeLists.Sectors)
                await Exec(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO simultaneity VALUES ('{s}', {rules.SimultaneityOf(s)})"));
            await Exec("CREATE INDEX ON energy_areas USING gist (geom); CREATE INDEX ON developments USING gist (geom); ANALYZE;");

            const string query = """
                WITH assigned AS (
                  SELECT a.id AS area, d.sector, d.kind, d.quantities,
                         CASE WHEN GeometryType(d.geom) = 'POINT' THEN 1.0
                              ELSE ST_Area(ST_Intersection(a.geom, d.geom)) / ST_Area(d.geom) END AS share
                  FROM developments d JOIN energy_areas a ON ST_Intersects(a.geom, d.geom)
                ), in_force AS (
                  SELECT s.area, s.sector, s.kind, s.share, y.year, q.unit, q.value
                  FROM assigned s CROSS JOIN generate_series(2025, 2050) AS y(year)
                  CROSS JOIN LATERAL (
                    SELECT DISTINCT ON (e->>'unit') e->>'unit' AS unit, (e->>'value')::float8 AS value
                    FROM jsonb_array_elements(s.quantities) e WHERE (e->>'year')::int <= y.year
                    ORDER BY e->>'unit', (e->>'year')::int DESC) q
                )
                SELECT i.area, i.year,
                       sum(i.share * i.value * r.peak_offtake_mw * m.factor) AS peak_offtake_mw,
                       sum(i.share * i.value * r.peak_feed_in_mw * m.factor) AS peak_feed_in_mw,
                       sum(i.share * i.value * r.annual_mwh) AS annual_mwh
                FROM in_force i JOIN rules r ON r.kind = i.kind AND r.unit = i.unit JOIN simultaneity m ON m.sector = i.sector
                GROUP BY i.area, i.year
                """;
            var times = new List<double>();
            var count = 0;
            for (var run = 0; run < 2; run++)
            {
                var timer = Stopwatch.StartNew();
                await using var cmd = new NpgsqlCommand(query, c) { CommandTimeout = 0 };
                await using var reader = await cmd.ExecuteReaderAsync();
                count = 0;
                while (await reader.ReadAsync()) count++;
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"PostGIS query: {count:N0} area × year rows; runs {string.Join(", ", times.Select(t => $"{t:0} ms"))}");
            return times.Min();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(connection);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }
}
