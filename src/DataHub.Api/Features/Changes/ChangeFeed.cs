namespace DataHub.Api.Features.Changes;

/// <summary>
/// Writing the change feed. Events take their sequence in commit order: on PostgreSQL each writing transaction
/// takes one transaction-scoped advisory lock just before it appends its events and holds it to its commit, so a
/// later sequence is never visible before an earlier one (a reader paging by sequence never skips an event); on
/// SQLite there is one writer at a time anyway.
/// </summary>
public static class ChangeFeed
{
    /// <summary>The advisory lock key: "datahub.change_events".</summary>
    private const long LockKey = 0x64617461_68756231;

    public static ChangeEvent EventFor(IVersionRow row) => new()
    {
        ResourceType = row.ResourceType, ResourceId = row.ResourceId, Version = row.Version, At = row.ValidFrom, OwnerCode = row.OwnerCode,
        Kind = row.IsRetired ? "retired" : row.Version == 1 ? "created" : "updated",
    };

    /// <summary>
    /// The sequence of the last committed event (0 when there is none). It moves with every committed write of a
    /// version row, on any node, and never shows a later write before an earlier one (see the lock below).
    /// </summary>
    public static async Task<long> HeadAsync(DataHubDb db, CancellationToken ct) =>
        // Not EF.CompileAsyncQuery: a compiled query is bound to one model, and a process may hold hubs of both providers.
        await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;

    /// <summary>Serialises appenders until the current transaction ends (PostgreSQL; a no-op on SQLite).</summary>
    public static async Task LockAsync(DataHubDb db, CancellationToken ct)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
    }

    /// <summary>Appends the events of a bulk write in the current transaction, after taking the lock.</summary>
    public static async Task AppendAsync(DataHubDb db, IReadOnlyList<IVersionRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await LockAsync(db, ct);
        await BulkInsert.InsertAsync(db, rows.Select(EventFor).ToList(), includeKey: false, ct);
    }

    /// <summary>
    /// Appends the events of an import's versions in the current transaction, after taking the lock, by one
    /// INSERT … SELECT over the rows it wrote: a streamed import keeps neither its rows nor their events in memory,
    /// and the lock is held only from here to the commit. Same events as <see cref="EventFor"/>.
    /// </summary>
    public static async Task AppendImportAsync(DataHubDb db, Guid importId, long afterRowId, CancellationToken ct)
    {
        await LockAsync(db, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO change_events (resource_type, resource_id, kind, version, at, owner_code)
            SELECT 'development', development_id,
                   CASE WHEN is_retired THEN 'retired' WHEN version = 1 THEN 'created' ELSE 'updated' END,
                   version, valid_from, owner_code
            FROM development_versions WHERE row_id > {afterRowId} AND import_id = {importId} ORDER BY row_id
            """, ct);
    }
}
