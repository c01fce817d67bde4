using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Programme;

/// <summary>A province's ProgrammeCoordinator tailors its framework; versioned (If-Match when replacing), and the change feed announces a new one.</summary>
public sealed class WeighingFrameworkWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    /// <summary>
    /// A province's own ProgrammeCoordinator tailors its framework; null when the caller may. Known from the province
    /// alone, so the edges ask it before they read the framework sent.
    /// </summary>
    public static ProblemResult? MayTailor(AccessScope scope, string province) =>
        RoleGates.ProgrammeCoordinator.Check(scope)
        ?? (!WeighingFrameworkContracts.IsProvince(province) ? Problems.NotFound($"There is no province {province}.")
            : scope.Organisation != province ? Problems.Forbidden($"{province}'s ProgrammeCoordinator tailors its framework.")
            : null);

    public async Task<Outcome<Written<WeighingFrameworkVersion>>> PutAsync(AccessScope scope, string province, WeighingFramework framework, string? ifMatch, CancellationToken ct)
    {
        if (MayTailor(scope, province) is { } denied) return denied;
        var current = await db.WeighingFrameworkVersions.AsNoTracking().FirstOrDefaultAsync(f => f.OwnerCode == province && f.ValidTo == null, ct);
        if (current is not null && Precondition.Check(ifMatch, current.Version, $"{province}'s framework") is { } stale) return stale;
        var now = store.Now();
        var next = new WeighingFrameworkVersion
        {
            FrameworkId = current?.FrameworkId ?? Guid.CreateVersion7(now), Version = (current?.Version ?? 0) + 1, ValidFrom = now, OwnerCode = province,
            Code = framework.Code, Name = framework.Name, CriteriaJson = JsonSerializer.Serialize(framework.Criteria, DevelopmentMapping.StoredJson),
            ChangedBy = scope.Caller.Subject,
        };
        audit.Write(scope.Caller, current is null ? "create" : "update", "weighingFramework", next.FrameworkId.ToString(), province);
        return await db.NextVersionAsync(current, next, $"{province}'s framework", ct);
    }
}
