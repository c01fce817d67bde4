using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.SharingAgreements;

/// <summary>Signing, replacing and revoking the caller's organisation's agreements (its OrgAdmin), versioned and audited.</summary>
public sealed class SharingAgreementWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit, SharingAgreementReads reads)
{
    /// <summary>An agreement document read and checked: recipients registered, named records the owner's own current developments.</summary>
    public async Task<Outcome<SharingAgreementRequest>> ReadAsync(AccessScope scope, JsonElement document, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        var organisations = await db.Organisations.AsNoTracking().Select(o => o.Code).ToListAsync(ct);
        var request = SharingAgreementContracts.Read(document, errors, organisations.ToHashSet());
        if (request is not null && request.Scope.Records.Length > 0)
        {
            var records = request.Scope.Records;
            var own = await db.DevelopmentVersions.AsNoTracking()
                .Where(v => v.ValidTo == null && v.OwnerCode == scope.Organisation && records.Contains(v.DevelopmentId))
                .Select(v => v.DevelopmentId).ToListAsync(ct);
            for (var i = 0; i < records.Length; i++)
                if (!own.Contains(records[i]))
                    errors.Add($"/scope/records/{i}", "unknownRecord", $"{records[i]} is not a development of {scope.Organisation}");
        }
        return errors.HasErrors ? Problems.Validation(errors.Errors, "The sharing agreement is not valid") : request!;
    }

    public async Task<Outcome<Written<SharingAgreementResponse>>> CreateAsync(AccessScope scope, SharingAgreementRequest request, CancellationToken ct)
    {
        if (RoleGates.OrgAdmin.Check(scope) is { } denied) return denied;
        var now = store.Now();
        var row = SharingAgreementContracts.ToRow(request, Guid.CreateVersion7(now), 1, scope.Caller, now, now);
        audit.Write(scope.Caller, "create", "sharingAgreement", row.AgreementId.ToString(), row.OwnerCode);
        if (!await db.AppendAsync(null, row, ct)) return Problems.Conflict($"Agreement {row.AgreementId} was created concurrently by another request.");
        return new Written<SharingAgreementResponse>(await reads.WithGrantsAsync(row, ct), 1, Created: true);
    }

    public async Task<Outcome<Written<SharingAgreementResponse>>> UpdateAsync(AccessScope scope, Guid id, SharingAgreementRequest request, string? ifMatch, CancellationToken ct)
    {
        var current = await CurrentForWriteAsync(scope, id, ifMatch, ct);
        return current.Problem is { } p ? p : await WriteVersionAsync(scope, current.Value!, request, "update", ct);
    }

    /// <summary>A new version with status revoked, in force from the next request; revoking a revoked agreement changes nothing.</summary>
    public async Task<Outcome<Written<SharingAgreementResponse>>> RevokeAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        var current = await CurrentForWriteAsync(scope, id, ifMatch, ct);
        if (current.Problem is { } p) return p;
        if (current.Value!.Status == SharingAgreementStatuses.Revoked)
            return new Written<SharingAgreementResponse>(await reads.WithGrantsAsync(current.Value, ct), current.Value.Version);
        return await WriteVersionAsync(scope, current.Value, SharingAgreementContracts.ToRequest(current.Value) with { Status = SharingAgreementStatuses.Revoked }, "revoke", ct);
    }

    private async Task<Outcome<Written<SharingAgreementResponse>>> WriteVersionAsync(AccessScope scope, SharingAgreementVersion current, SharingAgreementRequest request,
        string action, CancellationToken ct)
    {
        var row = SharingAgreementContracts.ToRow(request, current.AgreementId, current.Version + 1, scope.Caller, current.CreatedAt, store.Now());
        audit.Write(scope.Caller, action, "sharingAgreement", row.AgreementId.ToString(), row.OwnerCode);
        if (!await db.AppendAsync(current, row, ct))
            return Problems.PreconditionFailed($"Agreement {current.AgreementId} was changed by another request; GET it again.");
        return new Written<SharingAgreementResponse>(await reads.WithGrantsAsync(row, ct), row.Version);
    }

    private async Task<Outcome<SharingAgreementVersion>> CurrentForWriteAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if (RoleGates.OrgAdmin.Check(scope) is { } denied) return denied;
        var visible = await reads.VisibleAsync(scope, id, ct);
        if (visible.Problem is { } p) return p;
        var row = visible.Value!;
        if (!SharingAgreementContracts.IsOwner(row, scope)) return Problems.Forbidden($"Agreement {id} belongs to {row.OwnerCode}; only its OrgAdmins change it.");
        return Precondition.Check(ifMatch, row.Version, $"agreement {id}") is { } stale ? stale : row;
    }
}
