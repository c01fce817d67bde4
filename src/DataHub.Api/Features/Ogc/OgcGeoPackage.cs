using DataHub.Api.Spatial;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Ogc;

/// <summary>
/// A GeoPackage (OGC 12-128r18, version 1.3) of one feature table, written row by row into a file: the required
/// tables (<c>gpkg_spatial_ref_sys</c>, <c>gpkg_contents</c>, <c>gpkg_geometry_columns</c>), then the features with
/// their geometry as GeoPackage binary (<see cref="NetTopologySuite.IO.GeoPackageGeoWriter"/>). The library writes
/// the geometry blobs only; the file's tables are written here, on Microsoft.Data.Sqlite, which the hub already uses.
/// </summary>
public sealed class OgcGeoPackage : IAsyncDisposable
{
    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insert;
    private readonly IReadOnlyList<OgcProperty> _columns;
    private readonly string _table;
    private readonly int _srsId;
    private readonly NetTopologySuite.IO.GeoPackageGeoWriter _writer = new();
    private Envelope _extent = new();
    private readonly HashSet<string> _geometryTypes = [];

    private OgcGeoPackage(SqliteConnection db, SqliteTransaction transaction, SqliteCommand insert, IReadOnlyList<OgcProperty> columns, string table, int srsId) =>
        (_db, _transaction, _insert, _columns, _table, _srsId) = (db, transaction, insert, columns, table, srsId);

    private static string SqlType(string jsonType) => jsonType switch { "integer" => "INTEGER", "number" => "REAL", "boolean" => "BOOLEAN", _ => "TEXT" };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static async Task<OgcGeoPackage> CreateAsync(string path, IOgcCollection collection, Crs crs, CancellationToken ct)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(ct);
        var srsId = crs.IsRdNew ? 28992 : ReferenceEquals(crs, Crs.Etrs89) ? 4258 : 4326;
        var table = collection.Id.Replace('-', '_');
        var columns = collection.Properties.Where(p => p.Name is not ("fid" or "geom")).ToList();
        var ddl = $"""
            PRAGMA application_id = 1196444487;
            PRAGMA user_version = 10300;
            PRAGMA journal_mode = OFF;
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
              ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{Wkt4326}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'),
              ('ETRS89', 4258, 'EPSG', 4258, '{Wkt4258}', NULL),
              ('Amersfoort / RD New', 28992, 'EPSG', 28992, '{CrsTransform.RdNewWkt.Replace("'", "''")}', NULL);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
              srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
              z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            CREATE TABLE {Quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, "id" TEXT NOT NULL{string.Concat(columns.Select(c => $", {Quote(c.Name)} {SqlType(c.Type)}"))});
            """;
        await using (var create = db.CreateCommand())
        {
            create.CommandText = ddl;
            await create.ExecuteNonQueryAsync(ct);
        }
        var transaction = (SqliteTransaction)await db.BeginTransactionAsync(ct);
        var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Quote(table)} (geom, \"id\"{string.Concat(columns.Select(c => ", " + Quote(c.Name)))}) VALUES ($geom, $id{string.Concat(columns.Select((_, i) => $", $p{i}"))})";
        insert.Parameters.Add("$geom", SqliteType.Blob);
        insert.Parameters.Add("$id", SqliteType.Text);
        for (var i = 0; i < columns.Count; i++) insert.Parameters.Add($"$p{i}", SqlType(columns[i].Type) switch { "INTEGER" or "BOOLEAN" => SqliteType.Integer, "REAL" => SqliteType.Real, _ => SqliteType.Text });
        insert.Prepare();
        return new OgcGeoPackage(db, transaction, insert, columns, table, srsId);
    }

    public void Add(OgcFeature feature)
    {
        if (feature.Geometry is { } shown)
        {
            // The blob carries the SRS id; a geometry of another SRID (a shared one: the analysis model's area) is not changed, but copied.
            var g = shown.SRID == _srsId ? shown : shown.Copy();
            g.SRID = _srsId;
            _insert.Parameters["$geom"].Value = _writer.Write(g);
            _extent.ExpandToInclude(g.EnvelopeInternal);
            _geometryTypes.Add(g.GeometryType.ToUpperInvariant());
        }
        else _insert.Parameters["$geom"].Value = DBNull.Value;
        _insert.Parameters["$id"].Value = feature.Id;
        for (var i = 0; i < _columns.Count; i++)
            _insert.Parameters[i + 2].Value = feature.Properties.GetValueOrDefault(_columns[i].Name) switch
            {
                null => DBNull.Value,
                bool b => b ? 1 : 0,
                DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                var v => v,
            };
        _insert.ExecuteNonQuery(); // SQLite is in process: the async form only adds overhead per row
    }

    /// <summary>Registers the table with its extent and geometry type, and commits.</summary>
    public async Task CompleteAsync(string title, string description, CancellationToken ct)
    {
        var type = _geometryTypes.Count == 1 ? _geometryTypes.Single() : "GEOMETRY";
        await using var register = _db.CreateCommand();
        register.Transaction = _transaction;
        register.CommandText = """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES ($t, 'features', $title, $description, $minx, $miny, $maxx, $maxy, $srs);
            INSERT INTO gpkg_geometry_columns VALUES ($t, 'geom', $type, $srs, 0, 0);
            """;
        register.Parameters.AddWithValue("$t", _table);
        register.Parameters.AddWithValue("$title", title);
        register.Parameters.AddWithValue("$description", description);
        register.Parameters.AddWithValue("$minx", _extent.IsNull ? DBNull.Value : _extent.MinX);
        register.Parameters.AddWithValue("$miny", _extent.IsNull ? DBNull.Value : _extent.MinY);
        register.Parameters.AddWithValue("$maxx", _extent.IsNull ? DBNull.Value : _extent.MaxX);
        register.Parameters.AddWithValue("$maxy", _extent.IsNull ? DBNull.Value : _extent.MaxY);
        register.Parameters.AddWithValue("$srs", _srsId);
        register.Parameters.AddWithValue("$type", type);
        await register.ExecuteNonQueryAsync(ct);
        await _transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _transaction.DisposeAsync();
        await _db.DisposeAsync();
    }

    private const string Wkt4326 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";
    private const string Wkt4258 = "GEOGCS[\"ETRS89\",DATUM[\"European_Terrestrial_Reference_System_1989\",SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],AUTHORITY[\"EPSG\",\"6258\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4258\"]]";
}
