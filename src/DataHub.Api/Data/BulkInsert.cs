using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DataHub.Api.Data;

/// <summary>
/// Inserts many rows of one entity inside the current transaction by the provider's fastest path: binary COPY on
/// PostgreSQL, one prepared INSERT on SQLite. EF Core's SaveChanges tracks and batches every entity, which made a
/// 110,000-feature import ten times slower than GDAL; the bulk copy libraries on NuGet are not served here, so this
/// is written by hand. Columns, their names, types and value converters come from the EF model, so a property added
/// to an entity is written here without a change to this code.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertAsync<T>(DataHubDb db, IReadOnlyList<T> rows, bool includeKey, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => includeKey || !p.IsPrimaryKey())
            .Select(p => new Column(p.GetColumnName(table)!, p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToList();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("bulk inserts run inside a transaction");
        var connection = db.Database.GetDbConnection();
        var columnList = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (connection is NpgsqlConnection npgsql)
            await CopyAsync(npgsql, table.Name, columnList, columns, rows, ct);
        else
            await PreparedInsert((SqliteConnection)connection, (SqliteTransaction)transaction, table.Name, columnList, columns, rows, ct);
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object? ClrValue(object row) => Getter.GetClrValueUsingContainingEntity(row);

        public object? ProviderValue(object row)
        {
            var value = ClrValue(row);
            return value is null ? null : Mapping.Converter is { } c ? c.ConvertToProvider(value) : value;
        }

        /// <summary>The store type without modifiers, e.g. "geometry" for "geometry(Geometry,4326)".</summary>
        public string DataTypeName => Mapping.StoreType.Split('(')[0].Trim();
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, string columnList, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.ProviderValue(row);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, column.DataTypeName, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static Task PreparedInsert<T>(SqliteConnection connection, SqliteTransaction transaction, string table, string columnList,
        List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        // EF's type mapping configures each parameter (e.g. a Guid as upper-case TEXT, as EF itself stores it).
        var parameters = columns.Select((c, i) => (DbParameter)c.Mapping.CreateParameter(command, $"$p{i}", c.ClrValue(rows[0]))).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
            command.ExecuteNonQuery(); // SQLite is in-process and synchronous; the async form only adds overhead per row
        }
        return Task.CompletedTask;
    }
}
