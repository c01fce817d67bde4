using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Plans;

/// <summary>Source plans are public metadata (name, type, period, status): the records under them carry the visibility.</summary>
public sealed class PlanReads(DataHubDb db)
{
    /// <summary>The plans (of one owner, of one plan type), as they are or were at asOf.</summary>
    public async Task<Outcome<PlanList>> ListAsync(string? owner, string? planType, DateTime? asOf, CancellationToken ct)
    {
        var rows = db.PlanVersions.AsNoTracking().InForceAt(asOf).Where(p => !p.IsRetired);
        if (!string.IsNullOrEmpty(owner)) rows = rows.Where(p => p.OwnerCode == owner);
        if (!string.IsNullOrEmpty(planType))
        {
            if (!CodeLists.IsKnown(CodeLists.PlanTypes, planType))
                return Problems.Validation([new FieldError("", "unknownCode", $"'{planType}' is not a known planType") { Parameter = "planType" }]);
            rows = rows.Where(p => p.PlanType == planType);
        }
        var items = (await rows.OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct)).Select(PlanContracts.ToResponse).ToList();
        return new PlanList(items, items.Count);
    }

    public async Task<Outcome<PlanVersion>> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.PlanVersions.AsNoTracking().Where(p => p.PlanId == id && p.ValidTo == null).FirstOrDefaultAsync(ct);
        return row is null ? Problems.NotFound($"There is no plan {id}.") : row;
    }

    /// <summary>A lookup of the owner's current plans by id or by code, for resolving developments' plan references.</summary>
    public static async Task<Func<string, Guid?>> ResolverAsync(DataHubDb db, string owner, CancellationToken ct)
    {
        var plans = await db.PlanVersions.AsNoTracking().Where(p => p.OwnerCode == owner && p.ValidTo == null && !p.IsRetired)
            .Select(p => new { p.PlanId, p.Code }).ToListAsync(ct);
        var byCode = plans.ToDictionary(p => p.Code, p => p.PlanId, StringComparer.Ordinal);
        var ids = plans.Select(p => p.PlanId).ToHashSet();
        return reference => Guid.TryParse(reference, out var id) && ids.Contains(id) ? id
            : byCode.TryGetValue(reference, out var byCodeId) ? byCodeId : null;
    }
}
