using System.Linq.Expressions;

namespace DataHub.Api.Access;

/// <summary>
/// Keeps the grant rows (<see cref="AccessGrant"/>) of every agreement equal to its current version: when a version of
/// an agreement is written, its old rows go and, when the new version is active, its rows are added, in the same
/// transaction. One row per recipient × plan type × sector × area × record of the scope (null where the scope says "all").
/// </summary>
public static class AccessGrants
{
    /// <summary>Called by <see cref="DataHubDb.SaveChangesAsync(bool, CancellationToken)"/> before it saves.</summary>
    public static async Task SyncAsync(DataHubDb db, CancellationToken ct)
    {
        var written = db.ChangeTracker.Entries<SharingAgreementVersion>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var agreement in written.GroupBy(a => a.AgreementId))
        {
            var old = await db.AccessGrants.Where(g => g.AgreementId == agreement.Key).ToListAsync(ct);
            db.AccessGrants.RemoveRange(old);
            var current = agreement.Where(a => a.ValidTo == null).MaxBy(a => a.Version);
            if (current is not null) db.AccessGrants.AddRange(RowsOf(current));
        }
    }

    /// <summary>The grant rows an agreement version stands for: none unless it is active.</summary>
    public static IEnumerable<AccessGrant> RowsOf(SharingAgreementVersion a)
    {
        if (a.Status != "active") yield break;
        var scope = AgreementJson.Scope(a.ScopeJson);
        foreach (var recipient in AgreementJson.Recipients(a.RecipientsJson))
        foreach (var planType in OrAny(scope.PlanTypes))
        foreach (var sector in OrAny(scope.Sectors))
        foreach (var area in OrAny(scope.Areas))
        foreach (var record in scope.Records.Length == 0 ? [(Guid?)null] : scope.Records.Select(r => (Guid?)r))
            yield return new AccessGrant
            {
                AgreementId = a.AgreementId, OwnerCode = a.OwnerCode, RecipientCode = recipient.Organisation,
                RecipientType = recipient.Organisation is null ? recipient.OrganisationType : null, Level = a.Level,
                PlanType = planType, Sector = sector, AreaCode = area, DevelopmentId = record, PeriodStart = a.PeriodStart, PeriodEnd = a.PeriodEnd,
            };
    }

    private static IEnumerable<string?> OrAny(string[] values) => values.Length == 0 ? new string?[] { null } : values;

    /// <summary>
    /// A database whose agreements predate the grant rows (or were written around SaveChanges) gets them from the
    /// current agreement versions, once, at start.
    /// </summary>
    public static async Task RebuildIfMissingAsync(DataHubDb db, CancellationToken ct = default)
    {
        if (await db.AccessGrants.AnyAsync(ct)) return;
        var active = await db.SharingAgreementVersions.AsNoTracking().Where(a => a.ValidTo == null && a.Status == "active").ToListAsync(ct);
        if (active.Count == 0) return;
        db.AccessGrants.AddRange(active.SelectMany(RowsOf));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Whether a grant row covers a record: its owner, and each of plan type, sector, area and record either open (null)
    /// or matching. The one definition: the database evaluates it inside the access predicates, memory its compiled form.
    /// </summary>
    public static readonly Expression<Func<AccessGrant, DevelopmentVersion, bool>> CoversRecord = (g, d) =>
        g.OwnerCode == d.OwnerCode
        && (g.PlanType == null || g.PlanType == d.PlanType)
        && (g.Sector == null || g.Sector == d.Sector)
        && (g.AreaCode == null || g.AreaCode == d.MunicipalityCode || g.AreaCode == d.ProvinceCode || g.AreaCode == d.ResRegionCode)
        && (g.DevelopmentId == null || g.DevelopmentId == d.DevelopmentId);

    private static readonly Func<AccessGrant, DevelopmentVersion, bool> CoversCompiled = CoversRecord.Compile();

    public static bool Covers(this AccessGrant g, DevelopmentVersion d) => CoversCompiled(g, d);
}
