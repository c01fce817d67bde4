using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Plans;

/// <summary>Registering and replacing the caller's organisation's source plans (Submitter role), versioned and audited.</summary>
public sealed class PlanWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    public async Task<Outcome<Written<PlanVersion>>> CreateAsync(AccessScope scope, PlanRequest request, CancellationToken ct)
    {
        var caller = scope.Caller;
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        if (await db.PlanVersions.AnyAsync(p => p.OwnerCode == caller.Organisation && p.Code == request.Code && p.ValidTo == null, ct))
            return Problems.Conflict($"{caller.Organisation} already has a plan with code '{request.Code}'.");
        var now = store.Now();
        var row = ToRow(request, Guid.CreateVersion7(now), 1, caller, now, now);
        audit.Write(caller, "create", "plan", row.PlanId.ToString(), caller.Organisation);
        if (!await db.AppendAsync(null, row, ct)) return Problems.Conflict($"{caller.Organisation}'s plan '{request.Code}' was created concurrently by another request.");
        return new Written<PlanVersion>(row, 1, Created: true);
    }

    public async Task<Outcome<Written<PlanVersion>>> UpdateAsync(AccessScope scope, Guid id, PlanRequest request, string? ifMatch, CancellationToken ct)
    {
        var caller = scope.Caller;
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        var current = await db.PlanVersions.Where(p => p.PlanId == id && p.ValidTo == null).FirstOrDefaultAsync(ct);
        if (current is null) return Problems.NotFound($"There is no plan {id}.");
        if (current.OwnerCode != caller.Organisation) return Problems.Forbidden($"Plan {id} belongs to {current.OwnerCode}.");
        if (Precondition.Check(ifMatch, current.Version, $"plan {id}") is { } stale) return stale;
        if (request.Code != current.Code)
            return Problems.Validation([new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')")]);
        var row = ToRow(request, id, current.Version + 1, caller, current.CreatedAt, store.Now());
        audit.Write(caller, "update", "plan", id.ToString(), caller.Organisation);
        return await db.NextVersionAsync(current, row, $"Plan {id}", ct);
    }

    private static PlanVersion ToRow(PlanRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now) => new()
    {
        PlanId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!, Code = r.Code, Name = r.Name,
        PlanType = r.PlanType, PlanVersionLabel = r.Version, Status = r.Status, PeriodStart = r.PeriodStart, PeriodEnd = r.PeriodEnd,
        Description = r.Description, ChangedBy = caller.Subject, CreatedAt = createdAt,
    };
}
