using DataHub.Api.Data;
using Microsoft.EntityFrameworkCore;

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

    public async Task<Dictionary<string, ExistingDevelopment>> CurrentByExternalIdAsync(string owner, IReadOnlyCollection<string>? externalIds, CancellationToken ct)
    {
        var rows = db.DevelopmentVersions.AsNoTracking().Where(v => v.OwnerCode == owner && v.ValidTo == null);
        if (externalIds is not null && externalIds.Count <= 1000)
            rows = rows.Where(v => externalIds.Contains(v.ExternalId));
        var list = await rows
            .Select(v => new { v.ExternalId, e = new ExistingDevelopment(v.Seq, v.DevelopmentId, v.RowId, v.Version, v.ValidFrom, v.CreatedAt, v.IsRetired, v.ContentHash) })
            .ToListAsync(ct);
        return list.ToDictionary(x => x.ExternalId, x => x.e, StringComparer.Ordinal);
    }

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
    public async Task<bool> WriteAsync(IReadOnlyList<PlannedChange> changes, string changedBy, Guid? importId, DevelopmentImport? import, CancellationToken ct)
    {
        var writes = changes.Where(c => c.Kind != ChangeKind.Unchanged).ToList();
        var now = Now();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var created = writes.Where(c => c.Existing is null).ToList();
            var seqs = await AllocateSeqsAsync(created.Count, ct);
            var records = created.Select((c, i) => new DevelopmentRecord
            {
                Seq = seqs[i], Id = Guid.CreateVersion7(now), OwnerCode = c.Row.OwnerCode, ExternalId = c.Row.ExternalId, CreatedAt = now,
            }).ToList();
            await BulkInsert.InsertAsync(db, records, includeKey: true, ct);

            var closing = writes.Where(c => c.Existing is not null).Select(c => c.Existing!.RowId).ToList();
            var closed = 0;
            foreach (var chunk in closing.Chunk(10_000))
                closed += await db.DevelopmentVersions
                    .Where(v => chunk.Contains(v.RowId) && v.ValidTo == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.ValidTo, now), ct);
            if (closed != closing.Count)
            {
                await tx.RollbackAsync(ct);
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
                    row.CreatedAt = now;
                    row.ChangeKind = "created";
                }
                row.ValidFrom = now;
                row.ValidTo = null;
                row.ChangedBy = changedBy;
                row.ImportId = importId;
            }
            var lastRowId = await spatial.LastVersionRowIdAsync(db, ct);
            await BulkInsert.InsertAsync(db, writes.Select(c => c.Row).ToList(), includeKey: false, ct);
            await spatial.IndexNewVersionsAsync(db, lastRowId, ct);
            if (import is not null) db.DevelopmentImports.Add(import);
            await Changes.ChangeFeed.AppendAsync(db, writes.Select(c => (IVersionRow)c.Row).ToList(), ct);
            await db.SaveChangesAsync(ct); // the import report and the audit events of this write, in its transaction
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (BulkInsert.IsUniqueViolation(e))
        {
            // A unique index (owner + externalId, or id + version) caught a concurrent writer.
            await tx.RollbackAsync(ct);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
