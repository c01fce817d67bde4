using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// Maintaining a pMIEK: the province's ProgrammeCoordinator adds, replaces and retires its projects; a grid
/// operator's Submitter may propose one (status <c>proposed</c>). Versioned like every record (If-Match on every
/// change of an existing project); retiring keeps the history.
/// </summary>
public sealed class MiekProjectWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    public async Task<Outcome<Written<MiekProjectVersion>>> CreateAsync(AccessScope scope, MiekProjectRequest request, CancellationToken ct)
    {
        if (RoleGates.ProjectSubmitter.Check(scope) is { } denied) return denied;
        if ((await CheckReferencesAsync(scope, request, ct)).Failed(out var invalid, out var cycle)) return invalid;
        var proposer = IsProposer(scope);
        if (!proposer && cycle.Scope != scope.Organisation)
            return Problems.Forbidden($"{scope.Organisation} maintains its own pMIEK; cycle {cycle.Code} is {cycle.Scope}'s.");
        if (proposer && request.Status is not (null or "proposed"))
            return Problems.Validation([new FieldError("/status", "notAllowed", "a grid operator proposes projects: status is proposed")]);
        if (await db.MiekProjectVersions.AnyAsync(p => p.OwnerCode == cycle.Scope && p.Code == request.Code && p.ValidTo == null, ct))
            return Problems.Conflict($"{cycle.Scope} already has a project with code '{request.Code}'.");
        var now = store.Now();
        var row = ToRow(request, Guid.CreateVersion7(now), 1, cycle.Scope, scope.Organisation!, proposer ? "proposed" : request.Status ?? "candidate", scope.Caller, now, now);
        audit.Write(scope.Caller, "create", "miekProject", row.ProjectId.ToString(), row.OwnerCode);
        if (!await db.AppendAsync(null, row, ct)) return Problems.Conflict($"{cycle.Scope}'s project '{request.Code}' was created concurrently by another request.");
        return new Written<MiekProjectVersion>(row, 1, Created: true);
    }

    public async Task<Outcome<Written<MiekProjectVersion>>> UpdateAsync(AccessScope scope, Guid id, MiekProjectRequest request, string? ifMatch, CancellationToken ct)
    {
        if ((await ForWriteAsync(scope, id, ifMatch, ct)).Failed(out var refused, out var current)) return refused;
        if ((await CheckReferencesAsync(scope, request, ct)).Failed(out var invalid, out var cycle)) return invalid;
        var errors = new List<FieldError>();
        if (request.Code != current.Code) errors.Add(new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')"));
        if (cycle.CycleId != current.CycleId) errors.Add(new FieldError("/cycle", "immutable", "a project stays in its cycle; add it to another cycle as a new project"));
        if (errors.Count > 0) return Problems.Validation(errors);
        var next = ToRow(request, id, current.Version + 1, current.OwnerCode, current.ProposedBy, request.Status ?? current.Status, scope.Caller, current.CreatedAt, store.Now());
        return await SaveAsync(scope, current, next, "update", ct);
    }

    public async Task<Outcome<Written<MiekProjectVersion>>> RetireAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if ((await ForWriteAsync(scope, id, ifMatch, ct)).Failed(out var refused, out var current)) return refused;
        var next = new MiekProjectVersion
        {
            ProjectId = id, Version = current.Version + 1, ValidFrom = store.Now(), IsRetired = true, OwnerCode = current.OwnerCode, CycleId = current.CycleId,
            Code = current.Code, Name = current.Name, InfrastructureType = current.InfrastructureType, Carrier = current.Carrier, ProjectType = current.ProjectType,
            Status = current.Status, ProposedBy = current.ProposedBy, Geometry = current.Geometry, FicheJson = current.FicheJson,
            ChangedBy = scope.Caller.Subject, CreatedAt = current.CreatedAt,
        };
        return await SaveAsync(scope, current, next, "retire", ct);
    }

    private static bool IsProposer(AccessScope scope) => scope.OrganisationType == OrganisationTypes.Netbeheerder && scope.Caller.Has(Roles.Submitter);

    /// <summary>The province's cycle the project names, when it and the developments and energy areas it names exist for the caller; every error with its pointer.</summary>
    private async Task<Outcome<ProgrammeCycleVersion>> CheckReferencesAsync(AccessScope scope, MiekProjectRequest request, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        var cycle = await db.ProgrammeCycleVersions.AsNoTracking().FirstOrDefaultAsync(c => c.CycleId == request.Cycle && c.ValidTo == null, ct);
        if (cycle is null) errors.Add("/cycle", "unknownCycle", $"there is no programme cycle {request.Cycle}");
        else if (cycle.Scope == ProgrammeCycleContracts.National) errors.Add("/cycle", "nationalCycle", "projects are added to a province's cycle; the national MIEK gathers them from there");
        var ids = request.Fiche.Developments.Distinct().ToList();
        var visible = ids.Count == 0 ? [] : await db.DevelopmentVersions.AsNoTracking().Where(v => v.ValidTo == null && !v.IsRetired && ids.Contains(v.DevelopmentId))
            .VisibleTo(scope).Select(v => v.DevelopmentId).ToListAsync(ct);
        for (var i = 0; i < request.Fiche.Developments.Count; i++)
            if (!visible.Contains(request.Fiche.Developments[i])) errors.Add($"/developments/{i}", "unknownDevelopment", $"there is no development {request.Fiche.Developments[i]}");
        var areaIds = request.Fiche.EnergyAreas.Distinct().ToList();
        var areas = areaIds.Count == 0 ? [] : await db.EnergyAreaVersions.AsNoTracking().Where(a => a.ValidTo == null && areaIds.Contains(a.AreaId)).Select(a => a.AreaId).ToListAsync(ct);
        for (var i = 0; i < request.Fiche.EnergyAreas.Count; i++)
            if (!areas.Contains(request.Fiche.EnergyAreas[i])) errors.Add($"/energyAreas/{i}", "unknownEnergyArea", $"there is no energy area {request.Fiche.EnergyAreas[i]}");
        return errors.HasErrors ? Problems.Validation(errors.Errors, "The project is not valid") : cycle!;
    }

    /// <summary>The project's current version, when the caller is its province's ProgrammeCoordinator and <paramref name="ifMatch"/> names it.</summary>
    private async Task<Outcome<MiekProjectVersion>> ForWriteAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if (RoleGates.ProgrammeCoordinator.Check(scope) is { } denied) return denied;
        var current = await db.MiekProjectVersions.AsNoTracking().Where(p => p.ProjectId == id && p.ValidTo == null && !p.IsRetired).ReadableBy(scope).FirstOrDefaultAsync(ct);
        if (current is null) return Problems.NotFound($"There is no MIEK project {id}.");
        if (!MiekProjectAccess.IsCoordinatorOf(scope, current))
            return Problems.Forbidden($"Project {id} is on {current.OwnerCode}'s pMIEK: its ProgrammeCoordinator maintains it.");
        if (Precondition.Check(ifMatch, current.Version, $"MIEK project {id}") is { } stale) return stale;
        return current;
    }

    private async Task<Outcome<Written<MiekProjectVersion>>> SaveAsync(AccessScope scope, MiekProjectVersion current, MiekProjectVersion next, string action, CancellationToken ct)
    {
        audit.Write(scope.Caller, action, "miekProject", next.ProjectId.ToString(), next.OwnerCode);
        return await db.NextVersionAsync(current, next, $"MIEK project {next.ProjectId}", ct);
    }

    private static MiekProjectVersion ToRow(MiekProjectRequest r, Guid id, int version, string owner, string proposedBy, string status, Caller caller,
        DateTime createdAt, DateTime now) => new()
    {
        ProjectId = id, Version = version, ValidFrom = now, OwnerCode = owner, CycleId = r.Cycle, Code = r.Code, Name = r.Name,
        InfrastructureType = r.InfrastructureType, Carrier = r.Carrier, ProjectType = r.ProjectType, Status = status, ProposedBy = proposedBy,
        Geometry = r.Geometry, FicheJson = JsonSerializer.Serialize(r.Fiche, DevelopmentMapping.StoredJson), ChangedBy = caller.Subject, CreatedAt = createdAt,
    };
}
