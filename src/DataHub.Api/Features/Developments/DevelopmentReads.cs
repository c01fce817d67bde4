using DataHub.Api.Features.Audit;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Developments;

/// <summary>A page of developments as the caller may see them: the rows, how many match in all, and whether more follow.</summary>
public sealed record DevelopmentPage(IReadOnlyList<DevelopmentVersion> Rows, long Matched, bool HasMore, DevelopmentFilter Filter)
{
    /// <summary>The cursor of the next page (the last row's keyset position), or null on the last page.</summary>
    public string? NextCursor => HasMore ? DevelopmentPaging.CursorOf(Rows[^1], Filter) : null;
}

/// <summary>
/// The reads of developments, for every surface: a filtered page (keyset cursors), one development now or asOf, and
/// its versions. Each asks the access policy and audits what the caller was shown of others' non-public data.
/// </summary>
public sealed class DevelopmentReads(DataHubDb db, ISpatialQuery spatial, AuditTrail audit, MatchCounts counts)
{
    /// <summary>A page of the developments the filter matches and the caller may see, audited.</summary>
    public async Task<DevelopmentPage> ListAsync(AccessScope scope, DevelopmentFilter filter, CancellationToken ct)
    {
        var page = await FindAsync(scope, filter, ct);
        await audit.ReadAsync(scope.Caller, page.Rows, "list", ct);
        return page;
    }

    /// <summary>
    /// The page without the audit: for REST's answer cache, which keeps the serialised page and audits what it shows
    /// on every answer, cached or not (<see cref="AuditShownAsync"/>).
    /// </summary>
    public async Task<DevelopmentPage> FindAsync(AccessScope scope, DevelopmentFilter filter, CancellationToken ct)
    {
        var rows = await DevelopmentQueries.FilterAsync(db, spatial, filter, scope, ct);
        // Counting every matching row costs as much as the filter's whole result; the count is kept per data head,
        // caller scope and filter, so the pages after the first (and the same question again) do not count again.
        var matched = await counts.GetOrCountAsync(db, scope, filter.MatchKey, () => rows.LongCountAsync(ct), ct);
        var (page, hasMore) = await DevelopmentPaging.PageAsync(rows, filter, ct);
        return new DevelopmentPage(page, matched, hasMore, filter);
    }

    public Task AuditShownAsync(AccessScope scope, IEnumerable<ShownRecord> shown, CancellationToken ct) => audit.ReadAsync(scope.Caller, shown, "list", ct);

    /// <summary>One development the caller may see, now or as it was at <paramref name="asOf"/>; 404 otherwise.</summary>
    public async Task<Outcome<DevelopmentVersion>> GetAsync(AccessScope scope, Guid id, DateTime? asOf, CancellationToken ct)
    {
        var row = (await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(asOf, scope).FirstOrDefaultAsync(ct))?.SeenAt(asOf);
        if (row is null) return NotFound(id);
        await audit.ReadAsync(scope.Caller, [row], "get", ct);
        return row;
    }

    /// <summary>Every version, oldest first, of a development whose current version the caller may see; 404 otherwise.</summary>
    public async Task<Outcome<List<DevelopmentVersion>>> VersionsAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        // A record is visible in history only if its current version is visible to the caller.
        var current = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(null, scope).AnyAsync(ct);
        if (!current) return NotFound(id);
        return await VersionsOfAsync(scope, [id], "versions", ct);
    }

    /// <summary>The developments with these ids the caller may see, now or asOf (hidden ones are absent), in one query: for nested lists.</summary>
    public async Task<IReadOnlyList<DevelopmentVersion>> ManyAsync(AccessScope scope, IReadOnlyCollection<Guid> ids, DateTime? asOf, CancellationToken ct)
    {
        var rows = (await db.DevelopmentVersions.AsNoTracking().Where(v => ids.Contains(v.DevelopmentId) && !v.IsRetired).InForce(asOf, scope)
            .ToListAsync(ct)).Select(v => v.SeenAt(asOf)).ToList();
        await audit.ReadAsync(scope.Caller, rows, "nested", ct);
        return rows;
    }

    /// <summary>Every version the caller may see of these developments, oldest first, in one query.</summary>
    public async Task<List<DevelopmentVersion>> VersionsOfAsync(AccessScope scope, IReadOnlyCollection<Guid> ids, string what, CancellationToken ct)
    {
        var versions = await db.DevelopmentVersions.AsNoTracking().Where(v => ids.Contains(v.DevelopmentId)).VisibleTo(scope)
            .OrderBy(v => v.Version).ToListAsync(ct);
        await audit.ReadAsync(scope.Caller, versions, what, ct);
        return versions;
    }

    internal static ProblemResult NotFound(Guid id) => Problems.NotFound($"There is no development {id}.");
}
