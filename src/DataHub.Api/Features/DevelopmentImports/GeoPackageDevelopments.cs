using System.Globalization;
using DataHub.Api.Spatial;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>
/// Developments from a GeoPackage (a GIS user's file, or the hub's own export): its one feature table, row by row,
/// as the CSV format's columns (<see cref="CsvDevelopments"/>), so both go through the same reading and validation
/// and errors name the row (the feature's <c>fid</c>) and column. The geometry comes from the table's geometry column
/// in the file's CRS (EPSG:4326 or 4258 as longitude/latitude, or EPSG:28992). <c>quantities</c> may be the CSV's
/// series (<c>2026:120;2028:300</c> with <c>unit</c>) or the export's JSON (<c>[{year, value, unit, min, max}]</c>);
/// <c>carriers</c> separated by ';' or ','. Columns the hub derives or keeps itself (as its export writes them) are
/// ignored: <see cref="Ignored"/>.
/// </summary>
public static class GeoPackageDevelopments
{
    public const string MediaType = "application/geopackage+sqlite3";

    /// <summary>Columns the hub writes in its export and derives again on import.</summary>
    public static readonly string[] Ignored = ["fid", "id", "owner", "municipalityCode", "provinceCode", "resRegionCode", "version", "updatedAt"];

    public sealed record Layer(string Table, string GeometryColumn, Crs Crs, IReadOnlyList<string> Columns);

    /// <summary>The file's one feature table, or the problem with the file as a whole.</summary>
    public static (Layer? Layer, ProblemResult? Problem) Describe(string path)
    {
        ProblemResult Bad(string detail) => Problems.Validation([new FieldError("", "invalidGeoPackage", detail)], "The GeoPackage cannot be imported");
        try
        {
            using var db = Open(path);
            var tables = new List<(string Table, string Column, int Srs)>();
            using (var command = db.CreateCommand())
            {
                command.CommandText = "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'";
                using var r = command.ExecuteReader();
                while (r.Read()) tables.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
            }
            if (tables.Count != 1) return (null, Bad($"a GeoPackage import holds one feature table; this one has {tables.Count}"));
            var (table, column, srs) = tables[0];
            Crs? crs = srs switch { 4326 or 4258 => Crs.Crs84, 28992 => Crs.RdNew, _ => null };
            if (crs is null) return (null, Bad($"the feature table's SRS is EPSG:{srs}; use EPSG:4326, EPSG:4258 or EPSG:28992"));
            var columns = new List<string>();
            using (var info = db.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info($t)";
                info.Parameters.AddWithValue("$t", table);
                using var r = info.ExecuteReader();
                while (r.Read()) columns.Add(r.GetString(0));
            }
            return (new Layer(table, column, crs, columns), null);
        }
        catch (SqliteException e)
        {
            return (null, Bad($"the file is not a GeoPackage ({e.SqliteErrorCode}: {e.Message.Split('\'')[0].Trim()})"));
        }
    }

    private static SqliteConnection Open(string path)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        return db;
    }

    /// <summary>Every row as a development Feature (errors located by row = fid and column); header problems at row 1.</summary>
    public static IEnumerable<CsvDevelopments.Row> Read(string path, Layer layer)
    {
        var unknown = layer.Columns.Where(c => c != layer.GeometryColumn && Array.IndexOf(Ignored, c) < 0 && Array.IndexOf(CsvDevelopments.KnownColumns, c) < 0).ToList();
        if (unknown.Count > 0)
        {
            yield return new CsvDevelopments.Row(1, null, [.. unknown.Select(c => new FieldError("", "unknownColumn", $"column '{c}' is not part of the import format") { Row = 1, Column = c })]);
            yield break;
        }
        using var db = Open(path);
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{layer.Table.Replace("\"", "\"\"")}\" ORDER BY rowid";
        using var r = command.ExecuteReader();
        var reader = new GeoPackageGeoReader();
        var row = 0;
        while (r.Read())
        {
            row++;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var number = row;
            for (var i = 0; i < r.FieldCount; i++)
            {
                var name = r.GetName(i);
                if (name == "fid" && !r.IsDBNull(i)) number = (int)r.GetInt64(i);
                if (r.IsDBNull(i)) continue;
                if (name == layer.GeometryColumn) values["wkt"] = reader.Read((byte[])r.GetValue(i)).AsText();
                else if (Array.IndexOf(Ignored, name) < 0) values[name] = Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }
            if (values.FirstOrDefault(v => RequestBody.HasNul(v.Value)) is { Key: { } withNul })
            {
                yield return new CsvDevelopments.Row(number, null, [new FieldError("", "nulCharacter", "text may not contain the NUL character (U+0000)") { Row = number, Column = withNul }]);
                continue;
            }
            if (values.TryGetValue("carriers", out var carriers)) values["carriers"] = carriers.Replace(',', ';');
            if (!values.ContainsKey("wkt")) values["wkt"] = "";
            yield return values.TryGetValue("quantities", out var q) && Json(q) is { } quantities
                ? CsvDevelopments.ToFeature(number, values, hasWkt: true, quantities)
                : CsvDevelopments.ToFeature(number, values, hasWkt: true);
        }
    }

    /// <summary>The export's quantities (a JSON array of {year, value, unit, min, max}); null when the text is the CSV's series.</summary>
    private static JsonElement? Json(string text)
    {
        if (!text.TrimStart().StartsWith('[')) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException) { return null; } // the series reader names it
    }
}
