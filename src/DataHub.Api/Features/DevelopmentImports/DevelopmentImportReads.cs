using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.DevelopmentImports;

/// <summary>What an import did (or, for a dry run, would do).</summary>
public sealed record DevelopmentImportReport(
    Guid? Id, string Owner, string Format, bool DryRun, int FeatureCount, int Created, int Updated, int Unchanged, DateTime CreatedAt, IReadOnlyList<Link> Links);

/// <summary>The caller's organisation's imports, newest first.</summary>
public sealed record DevelopmentImportList(IReadOnlyList<DevelopmentImportReport> Items, int NumberReturned);

/// <summary>
/// What past imports did. A report reveals what an organisation submitted and when: only the importing organisation
/// sees it.
/// </summary>
public sealed class DevelopmentImportReads(DataHubDb db)
{
    /// <summary>At most this many past imports in the list (an organisation imports a few times a month).</summary>
    public const int ListLimit = 100;

    public async Task<Outcome<List<DevelopmentImport>>> ListAsync(AccessScope scope, CancellationToken ct)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        return await db.DevelopmentImports.AsNoTracking().Where(i => i.OwnerCode == scope.Organisation)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(ListLimit).ToListAsync(ct);
    }

    public async Task<Outcome<DevelopmentImport>> GetAsync(AccessScope scope, Guid id, CancellationToken ct) =>
        await db.DevelopmentImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OwnerCode == scope.Organisation, ct) is { } import
            ? import : Problems.NotFound($"There is no import {id}.");

    /// <summary>An import as its report, with links under <paramref name="baseUrl"/>; a dry run's has no id and no links.</summary>
    public static DevelopmentImportReport ToReport(DevelopmentImport i, string baseUrl, bool dryRun = false, int? count = null) => new(
        dryRun ? null : i.Id, i.OwnerCode, i.Format, dryRun, count ?? i.Created + i.Updated + i.Unchanged, i.Created, i.Updated, i.Unchanged, i.CreatedAt,
        dryRun ? [] :
        [
            new Link($"{baseUrl}/api/v1/development-imports/{i.Id}", "self", "application/json"),
            new Link($"{baseUrl}/api/v1/developments?owner={i.OwnerCode}", "developments", "application/geo+json"),
        ]);
}
