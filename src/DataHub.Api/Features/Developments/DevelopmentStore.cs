using Microsoft.EntityFrameworkCore.Storage;

namespace DataHub.Api.Features.Developments;

/// <summary>The current version of an existing development, as far as a write needs to know it.</summary>
public sealed record ExistingDevelopment(long Seq, Guid Id, long RowId, int Version, DateTime ValidFrom, DateTime CreatedAt, bool IsRetired, string ContentHash);

public enum ChangeKind { Created, Updated, Unchanged, Retired }

/// <summary>One planned write: a new version for a new or existing development (or nothing, when unchanged).</summary>
public sealed record PlannedChange(DevelopmentVersion Row, ExistingDevelopment? Existing, ChangeKind Kind);

/// <summary>
/// Writes developments as versions: every change adds a version row and closes the previous one, in one
/// transaction, so a write (or a whole import) is stored completely or not at all.
/// </summary>
public sealed class DevelopmentStore(DataHubDb db, Spatial.ISpatialQuery spatial, TimeProvider clock)
{
    /// <summary>Now, at microsecond precision (what PostgreSQL keeps), so both databases answer asOf alike.</summary>
    public DateTime Now()
    {
        var t = clock.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>
    /// The current versions of an owner's developments with these external ids, in two steps driven from the ids:
    /// their creation-order keys through the records' unique (owner, externalId) index, then their current versions
    /// through the (validTo, seq) index. The cost follows the ids asked for, not the owner's number of developments;
    /// an import looks up each batch.
    /// </summary>
    public async Task<Dictionary<string, ExistingDevelopment>> CurrentByExternalIdAsync(string owner, IReadOnlyCollection<string> externalIds, CancellationToken ct)
    {
        var ids = externalIds.ToArray();
        var seqs = await RecordsOf(owner, ids).Select(r => r.Seq).ToArrayAsync(ct);
        if (seqs.Length == 0) return new Dictionary<string, ExistingDevelopment>(StringComparer.Ordinal);
        var list = await CurrentVersionsOf(seqs)
            .Select(v => new { v.ExternalId, e = new ExistingDevelopment(v.Seq, v.DevelopmentId, v.RowId, v.Version, v.ValidFrom, v.CreatedAt, v.IsRetired, v.ContentHash) })
            .ToListAsync(ct);
        return list.ToDictionary(x => x.ExternalId, x => x.e, StringComparer.Ordinal);
    }

    // On PostgreSQL each id is looked up by a LATERAL subquery, which the planner can only run once per id through
    // the index. Planned as a join or an IN list, the lookups of a streamed import chose scans of the whole table:
    // the import grows the table by up to a million rows that the statistics know nothing of until it commits, so a
    // million-feature import spent 120 s (growing with the square of its size) looking up. SQLite's planner probes
    // the index for an IN list whatever the statistics.
    private IQueryable<DevelopmentRecord> RecordsOf(string owner, string[] ids) => db.IsPostgres
        ? db.Developments.FromSql($"""
            SELECT d.* FROM unnest({ids}::text[]) AS p(external_id)
            CROSS JOIN LATERAL (SELECT * FROM developments WHERE owner_code = {owner} AND external_id = p.external_id LIMIT 1) AS d
            """).AsNoTracking()
        : db.Developments.AsNoTracking().Where(r => r.OwnerCode == owner && ids.Contains(r.ExternalId));

    private IQueryable<DevelopmentVersion> CurrentVersionsOf(long[] seqs) => db.IsPostgres
        ? db.DevelopmentVersions.FromSql($"""
            SELECT v.* FROM unnest({seqs}::bigint[]) AS p(seq)
            CROSS JOIN LATERAL (SELECT * FROM development_versions WHERE valid_to IS NULL AND seq = p.seq LIMIT 1) AS v
            """).AsNoTracking()
        : db.DevelopmentVersions.AsNoTracking().Where(v => v.ValidTo == null && seqs.Contains(v.Seq));

    /// <summary>
    /// Reserves creation-order keys for new developments inside the write transaction: from the identity sequence on
    /// PostgreSQL; on SQLite the transaction already holds the database's write lock, so max + 1 … is safe.
    /// </summary>
    private async Task<long[]> AllocateSeqsAsync(int count, CancellationToken ct)
    {
        if (count == 0) return [];
        if (db.IsPostgres)
            return await db.Database
                .SqlQuery<long>($"SELECT nextval(pg_get_serial_sequence('developments', 'seq')) AS \"Value\" FROM generate_series(1, {count})")
                .ToArrayAsync(ct);
        var max = await db.Developments.MaxAsync(d => (long?)d.Seq, ct) ?? 0;
        return Enumerable.Range(1, count).Select(i => max + i).ToArray();
    }

    public static PlannedChange Plan(DevelopmentVersion row, ExistingDevelopment? existing) =>
        existing is null ? new(row, null, ChangeKind.Created)
        : existing.ContentHash == row.ContentHash && !existing.IsRetired ? new(row, existing, ChangeKind.Unchanged)
        : new(row, existing, ChangeKind.Updated);

    /// <summary>
    /// Stores the planned changes in one transaction. Returns false when another writer changed one of the
    /// developments since it was read (the caller answers 409/412); nothing is stored then.
    /// </summary>
    public async Task<bool> WriteAsync(IReadOnlyList<PlannedChange> changes, string changedBy, CancellationToken ct)
    {
        await using var write = await BeginAsync(changedBy, null, ct);
        return await write.AddAsync(changes, ct) && await write.CommitAsync(ct);
    }

    /// <summary>
    /// Begins a write whose changes are added in batches (<see cref="DevelopmentWrite.AddAsync"/>) and stored together
    /// by <see cref="DevelopmentWrite.CommitAsync"/>, in one transaction: a streamed import of a million features is
    /// stored completely or not at all without holding them in memory. Disposing it uncommitted rolls it back.
    /// </summary>
    public async Task<DevelopmentWrite> BeginAsync(string changedBy, Guid? importId, CancellationToken ct)
    {
        var now = Now();
        var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Where this write's versions start: SQLite's R*Tree indexes them from there, and an import's change events
            // are read from there. A single write on PostgreSQL needs neither (GiST indexes itself; events from memory).
            var lastRowId = db.IsPostgres && importId is null ? 0 : await db.DevelopmentVersions.MaxAsync(v => (long?)v.RowId, ct) ?? 0;
            return new DevelopmentWrite(this, db, spatial, tx, now, lastRowId, changedBy, importId);
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>One write transaction of developments; see <see cref="BeginAsync"/>.</summary>
    public sealed class DevelopmentWrite : IAsyncDisposable
    {
        private readonly DevelopmentStore _store;
        private readonly DataHubDb _db;
        private readonly Spatial.ISpatialQuery _spatial;
        private readonly IDbContextTransaction _tx;
        private readonly long _lastRowId;
        private readonly string _changedBy;
        private readonly Guid? _importId;
        /// <summary>The change events of a write that is not an import (an import's are derived from its rows at commit).</summary>
        private readonly List<IVersionRow> _events = [];
        private bool _ended;

        internal DevelopmentWrite(DevelopmentStore store, DataHubDb db, Spatial.ISpatialQuery spatial, IDbContextTransaction tx, DateTime now,
            long lastRowId, string changedBy, Guid? importId) =>
            (_store, _db, _spatial, _tx, Now, _lastRowId, _changedBy, _importId) = (store, db, spatial, tx, now, lastRowId, changedBy, importId);

        /// <summary>The moment every version of this write is valid from.</summary>
        public DateTime Now { get; }

        /// <summary>Adds a batch of changes (unchanged ones are skipped). False, and rolled back, when another writer got there first.</summary>
        public async Task<bool> AddAsync(IReadOnlyList<PlannedChange> changes, CancellationToken ct)
        {
            if (_ended) throw new InvalidOperationException("this write has ended");
            var writes = changes.Where(c => c.Kind != ChangeKind.Unchanged).ToList();
            if (writes.Count == 0) return true;
            try
            {
                var created = writes.Where(c => c.Existing is null).ToList();
                var seqs = await _store.AllocateSeqsAsync(created.Count, ct);
                var records = created.Select((c, i) => new DevelopmentRecord
                {
                    Seq = seqs[i], Id = Guid.CreateVersion7(Now), OwnerCode = c.Row.OwnerCode, ExternalId = c.Row.ExternalId, CreatedAt = Now,
                }).ToList();
                await BulkInsert.InsertAsync(_db, records, includeKey: true, ct);

                var closing = writes.Where(c => c.Existing is not null).Select(c => c.Existing!.RowId).ToList();
                var closed = 0;
                foreach (var chunk in closing.Chunk(10_000))
                    closed += await _db.DevelopmentVersions
                        .Where(v => chunk.Contains(v.RowId) && v.ValidTo == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(v => v.ValidTo, Now), ct);
                if (closed != closing.Count)
                {
                    await RollbackAsync(ct);
                    return false;
                }

                var recordIndex = 0;
                foreach (var c in writes)
                {
                    var row = c.Row;
                    if (c.Existing is { } e)
                    {
                        row.Seq = e.Seq;
                        row.DevelopmentId = e.Id;
                        row.Version = e.Version + 1;
                        row.CreatedAt = e.CreatedAt;
                        row.ChangeKind = row.IsRetired ? "retired" : "updated";
                    }
                    else
                    {
                        var record = records[recordIndex++];
                        row.Seq = record.Seq;
                        row.DevelopmentId = record.Id;
                        row.Version = 1;
                        row.CreatedAt = Now;
                        row.ChangeKind = "created";
                    }
                    row.ValidFrom = Now;
                    row.ValidTo = null;
                    row.ChangedBy = _changedBy;
                    row.ImportId = _importId;
                }
                await BulkInsert.InsertAsync(_db, writes.Select(c => c.Row).ToList(), includeKey: false, ct);
                if (_importId is null) _events.AddRange(writes.Select(c => c.Row));
                return true;
            }
            catch (Exception e) when (VersionedStore.IsUniqueViolation(e))
            {
                // A unique index (owner + externalId, or id + version) caught a concurrent writer.
                await RollbackAsync(ct);
                return false;
            }
        }

        /// <summary>
        /// Indexes the new versions, appends their change events, saves what else the context holds (an import's report,
        /// the audit events of this write) and commits. False, and rolled back, when a concurrent writer got there first.
        /// </summary>
        public async Task<bool> CommitAsync(CancellationToken ct)
        {
            if (_ended) throw new InvalidOperationException("this write has ended");
            try
            {
                await _spatial.IndexNewVersionsAsync(_db, _lastRowId, ct);
                if (_importId is { } importId) await Changes.ChangeFeed.AppendImportAsync(_db, importId, _lastRowId, ct);
                else await Changes.ChangeFeed.AppendAsync(_db, _events, ct);
                await _db.SaveChangesAsync(ct);
                await _tx.CommitAsync(ct);
                _ended = true;
                return true;
            }
            catch (Exception e) when (VersionedStore.IsUniqueViolation(e))
            {
                await RollbackAsync(ct);
                return false;
            }
            finally
            {
                _db.ChangeTracker.Clear();
            }
        }

        private async Task RollbackAsync(CancellationToken ct)
        {
            _ended = true;
            await _tx.RollbackAsync(ct);
            _db.ChangeTracker.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                _ended = true;
                _db.ChangeTracker.Clear();
            }
            await _tx.DisposeAsync(); // rolls back when not committed
        }
    }
}
