using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// Reporting a project's progress (half-yearly): given by the province's ProgrammeCoordinator or by a grid operator
/// (Submitter) that proposed the project or is one of its parties — usually the one building it.
/// </summary>
public sealed class MiekProgressWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    public async Task<Outcome<ProgressUpdateResponse>> CreateAsync(AccessScope scope, Guid id, JsonElement body, CancellationToken ct)
    {
        var project = await MiekProjectReads.ReadAsync(db, id, scope, null, ct);
        if (project is null or { IsRetired: true }) return Problems.NotFound($"There is no MIEK project {id}.");
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        if (!MiekProjectAccess.IsCoordinatorOf(scope, project) && !MiekProjectAccess.IsGridOperatorOf(scope, project))
            return Problems.Forbidden($"{project.OwnerCode}'s ProgrammeCoordinator, or a grid operator that proposed the project or is one of its parties, reports its progress.");
        var now = store.Now();
        var errors = new ErrorCollector();
        var update = MiekProgressContracts.Read(body, DateOnly.FromDateTime(now), errors);
        if (update is null) return Problems.Validation(errors.Errors, "The progress update is not valid");
        var row = new MiekProgressUpdate
        {
            UpdateId = Guid.CreateVersion7(now), ProjectId = id, OwnerCode = project.OwnerCode, AsOfDate = update.Value.AsOfDate, Phase = update.Value.Phase,
            Schedule = update.Value.Schedule, ExpectedDelivery = update.Value.ExpectedDelivery, Reason = update.Value.Reason,
            AuthorOrganisation = scope.Organisation!, ChangedBy = scope.Caller.Subject, RecordedAt = now,
        };
        db.MiekProgressUpdates.Add(row);
        audit.Write(scope.Caller, "progress", "miekProject", id.ToString(), project.OwnerCode, detail: $"{row.Schedule} as of {row.AsOfDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return MiekProgressContracts.ToResponse(row);
    }
}
