using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Plans;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Developments;

/// <summary>
/// The writes of single developments, for every surface: create, replace (a new version) and retire. Each checks the
/// caller's role and ownership and the If-Match precondition, audits, and stores through <see cref="DevelopmentStore"/>
/// (which appends the change-feed event in the same transaction).
/// </summary>
public sealed class DevelopmentWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit, IOptions<DataHubOptions> options)
{
    /// <summary>A development document (a GeoJSON Feature) read and checked against the submission rules of the caller's organisation type.</summary>
    public static Outcome<DevelopmentInput> Read(AccessScope scope, JsonElement document, Crs crs)
    {
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        var errors = new ErrorCollector();
        var input = DevelopmentReader.Read(document, crs, scope.Organisation!, errors);
        var all = input is null ? errors.Errors : [.. SubmissionRules.Check(input, scope.OrganisationType)];
        return all.Count > 0 ? Problems.Validation(all, "The development is not valid") : input!;
    }

    public async Task<Outcome<Written<DevelopmentVersion>>> CreateAsync(AccessScope scope, DevelopmentInput input, CancellationToken ct)
    {
        var caller = scope.Caller;
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        var existing = await store.CurrentByExternalIdAsync(caller.Organisation!, [input.ExternalId], ct);
        if (existing.TryGetValue(input.ExternalId, out var e))
            return Problems.Conflict($"externalId '{input.ExternalId}' is already used by development {e.Id} of {caller.Organisation}; update it with PUT /api/v1/developments/{e.Id} or use a bulk import.");
        var (row, planProblem) = await BuildRowAsync(input, caller, ct);
        if (planProblem is not null) return planProblem;
        audit.Write(caller, "create", "development", input.ExternalId, caller.Organisation);
        if (!await store.WriteAsync([DevelopmentStore.Plan(row!, null)], caller.Subject, ct))
            return Problems.Conflict($"externalId '{input.ExternalId}' was created concurrently by another request.");
        return new Written<DevelopmentVersion>(row!, row!.Version, Created: true);
    }

    public async Task<Outcome<Written<DevelopmentVersion>>> UpdateAsync(AccessScope scope, Guid id, DevelopmentInput input, string? ifMatch, CancellationToken ct)
    {
        var caller = scope.Caller;
        var current = await CurrentForWriteAsync(scope, id, ifMatch, ct);
        if (!current.Ok) return current.Problem!;
        var now = current.Value!;
        if (input.ExternalId != now.ExternalId)
            return Problems.Validation([new FieldError("/properties/externalId", "immutable",
                $"externalId cannot change (it is '{now.ExternalId}'); retire this development and submit a new one")]);
        var (row, planProblem) = await BuildRowAsync(input, caller, ct);
        if (planProblem is not null) return planProblem;
        var change = DevelopmentStore.Plan(row!, Existing(now));
        if (change.Kind == ChangeKind.Unchanged) return new Written<DevelopmentVersion>(now, now.Version);
        audit.Write(caller, "update", "development", id.ToString(), caller.Organisation);
        if (!await store.WriteAsync([change], caller.Subject, ct)) return ChangedConcurrently(id);
        return new Written<DevelopmentVersion>(row!, row!.Version);
    }

    public async Task<Outcome<Written<DevelopmentVersion>>> RetireAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        var caller = scope.Caller;
        var current = await CurrentForWriteAsync(scope, id, ifMatch, ct);
        if (!current.Ok) return current.Problem!;
        var now = current.Value!;
        if (now.IsRetired) return new Written<DevelopmentVersion>(now, now.Version);
        var retired = now.NextVersion();
        retired.IsRetired = true;
        audit.Write(caller, "retire", "development", id.ToString(), caller.Organisation);
        if (!await store.WriteAsync([new PlannedChange(retired, Existing(now), ChangeKind.Retired)], caller.Subject, ct)) return ChangedConcurrently(id);
        return new Written<DevelopmentVersion>(retired, retired.Version);
    }

    private static ProblemResult ChangedConcurrently(Guid id) =>
        Problems.PreconditionFailed($"Development {id} was changed by another request; GET it again and retry with its new ETag.");

    /// <summary>The current version for a replace or retire: visible (else 404), owned by the caller (else 403), matching If-Match (else 428/412).</summary>
    private async Task<Outcome<DevelopmentVersion>> CurrentForWriteAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if (RoleGates.Submitter.Check(scope) is { } denied) return denied;
        var current = await db.DevelopmentVersions.AsNoTracking().Where(v => v.DevelopmentId == id).InForce(null, scope).FirstOrDefaultAsync(ct);
        if (current is null) return DevelopmentReads.NotFound(id);
        if (current.OwnerCode != scope.Organisation)
            return Problems.Forbidden($"Development {id} belongs to {current.OwnerCode}; only its owner's Submitters change it.");
        return Precondition.Check(ifMatch, current.Version, $"development {id}") is { } stale ? stale : current;
    }

    private static ExistingDevelopment Existing(DevelopmentVersion v) =>
        new(v.Seq, v.DevelopmentId, v.RowId, v.Version, v.ValidFrom, v.CreatedAt, v.IsRetired, v.ContentHash);

    /// <summary>Resolves the plan reference, applies the default visibility and derives the areas.</summary>
    private async Task<(DevelopmentVersion?, ProblemResult?)> BuildRowAsync(DevelopmentInput input, Caller caller, CancellationToken ct)
    {
        var plans = await PlanReads.ResolverAsync(db, caller.Organisation!, ct);
        Guid? planId = null;
        if (input.Plan is { } planRef)
        {
            planId = plans(planRef);
            if (planId is null)
                return (null, Problems.Validation([new FieldError("/properties/plan", "unknownPlan",
                    $"no plan '{planRef}' of {caller.Organisation}: refer to a plan by its id or code (POST /api/v1/plans)")]));
        }
        var visibility = DefaultVisibility.For(input, options.Value);
        return (input.ToVersion(caller.Organisation!, planId, visibility, AreaCatalogue.Instance.Derive(input.Geometry)), null);
    }
}

public static class DefaultVisibility
{
    public static string For(DevelopmentInput input, DataHubOptions options) =>
        input.Visibility ?? (options.DefaultVisibilityByPlanType.TryGetValue(input.PlanType, out var v) ? v : "public");
}
