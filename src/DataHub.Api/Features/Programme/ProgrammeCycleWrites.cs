using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// Running a programme cycle: open it, change its name, milestones or description, freeze its baseline, publish the
/// adopted pMIEK. A province's ProgrammeCoordinator runs its own cycles; the ministry's the national one. Versioned
/// and audited; each change of an existing cycle needs its ETag (If-Match).
/// </summary>
public sealed class ProgrammeCycleWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    public async Task<Outcome<Written<ProgrammeCycleVersion>>> CreateAsync(AccessScope scope, ProgrammeCycleRequest request, CancellationToken ct)
    {
        if (MayRun(scope, request.Scope) is { } denied) return denied;
        if (await db.ProgrammeCycleVersions.AnyAsync(c => c.OwnerCode == scope.Organisation && c.Code == request.Code && c.ValidTo == null, ct))
            return Problems.Conflict($"{scope.Organisation} already has a programme cycle with code '{request.Code}'.");
        var now = store.Now();
        var row = ToRow(request, Guid.CreateVersion7(now), 1, scope.Caller, now, now, null);
        audit.Write(scope.Caller, "create", "programmeCycle", row.CycleId.ToString(), scope.Organisation);
        if (!await db.AppendAsync(null, row, ct)) return Problems.Conflict($"{scope.Organisation}'s programme cycle '{request.Code}' was created concurrently by another request.");
        return new Written<ProgrammeCycleVersion>(row, 1, Created: true);
    }

    public async Task<Outcome<Written<ProgrammeCycleVersion>>> UpdateAsync(AccessScope scope, Guid id, ProgrammeCycleRequest request, string? ifMatch, CancellationToken ct)
    {
        if ((await ForWriteAsync(scope, id, ifMatch, ct)).Failed(out var refused, out var current)) return refused;
        var errors = new List<FieldError>();
        if (request.Code != current.Code) errors.Add(new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')"));
        if (request.Scope != current.Scope) errors.Add(new FieldError("/scope", "immutable", $"scope cannot change (it is '{current.Scope}')"));
        if (errors.Count > 0) return Problems.Validation(errors);
        var next = ToRow(request, id, current.Version + 1, scope.Caller, current.CreatedAt, store.Now(), current.BaselineAt);
        next.PublishedAt = current.PublishedAt;
        return await SaveAsync(scope, current, next, "update", ct);
    }

    public async Task<Outcome<Written<ProgrammeCycleVersion>>> FreezeAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if ((await ForWriteAsync(scope, id, ifMatch, ct)).Failed(out var refused, out var current)) return refused;
        if (current.BaselineAt is { } at) return Problems.Conflict($"The baseline of {current.Code} was frozen at {at:O}; a baseline is frozen once.");
        var now = store.Now();
        var next = Next(current, scope.Caller, now);
        next.BaselineAt = now;
        return await SaveAsync(scope, current, next, "freeze", ct);
    }

    /// <summary>Publishes the adopted pMIEK: the baseline is frozen and every project (not withdrawn) has its decision.</summary>
    public async Task<Outcome<Written<ProgrammeCycleVersion>>> PublishAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if ((await ForWriteAsync(scope, id, ifMatch, ct)).Failed(out var refused, out var current)) return refused;
        if (current.PublishedAt is { } published) return Problems.Conflict($"{current.Code} was published at {published:O}; a cycle is published once.");
        if (current.BaselineAt is null) return Problems.Conflict($"Freeze the baseline of {current.Code} before publishing it.");
        var projects = await db.MiekProjectVersions.AsNoTracking().Where(p => p.CycleId == id && p.ValidTo == null && !p.IsRetired && p.Status != "withdrawn")
            .Select(p => new { p.ProjectId, p.Code }).ToListAsync(ct);
        var decided = await MiekProjectReads.DecisionsAsync(db, [.. projects.Select(p => p.ProjectId)], null, ct);
        var undecided = projects.Where(p => !decided.ContainsKey(p.ProjectId)).Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
        if (undecided.Count > 0)
            return Problems.Conflict($"Every project needs its decision before {current.Code} is published; undecided: {string.Join(", ", undecided)}.");
        var now = store.Now();
        var next = Next(current, scope.Caller, now);
        next.PublishedAt = now;
        return await SaveAsync(scope, current, next, "publish", ct);
    }

    /// <summary>A province's ProgrammeCoordinator runs its own cycles; the ministry's runs the national one. Null when the caller may.</summary>
    private static ProblemResult? MayRun(AccessScope scope, string cycleScope)
    {
        if (RoleGates.ProgrammeCoordinator.Check(scope) is { } denied) return denied;
        var allowed = scope.OrganisationType switch
        {
            OrganisationTypes.Provincie => cycleScope == scope.Organisation,
            OrganisationTypes.Rijk => cycleScope == ProgrammeCycleContracts.National,
            _ => false,
        };
        return allowed ? null : Problems.Forbidden(scope.OrganisationType == OrganisationTypes.Rijk
            ? "The ministry runs the national cycle (scope 'national')."
            : $"{scope.Organisation} runs cycles for its own province only (scope '{scope.Organisation}').");
    }

    /// <summary>The cycle's current version, when the caller runs it and <paramref name="ifMatch"/> names it.</summary>
    private async Task<Outcome<ProgrammeCycleVersion>> ForWriteAsync(AccessScope scope, Guid id, string? ifMatch, CancellationToken ct)
    {
        if (RoleGates.ProgrammeCoordinator.Check(scope) is { } denied) return denied;
        var current = await db.ProgrammeCycleVersions.AsNoTracking().FirstOrDefaultAsync(c => c.CycleId == id && c.ValidTo == null, ct);
        if (current is null) return Problems.NotFound($"There is no programme cycle {id}.");
        if (current.OwnerCode != scope.Organisation) return Problems.Forbidden($"Programme cycle {id} is run by {current.OwnerCode}.");
        if (MayRun(scope, current.Scope) is { } notTheirs) return notTheirs;
        if (Precondition.Check(ifMatch, current.Version, $"programme cycle {id}") is { } stale) return stale;
        return current;
    }

    private async Task<Outcome<Written<ProgrammeCycleVersion>>> SaveAsync(AccessScope scope, ProgrammeCycleVersion current, ProgrammeCycleVersion next, string action,
        CancellationToken ct)
    {
        audit.Write(scope.Caller, action, "programmeCycle", next.CycleId.ToString(), scope.Organisation);
        return await db.NextVersionAsync(current, next, $"Programme cycle {next.CycleId}", ct);
    }

    /// <summary>The next version of a cycle, unchanged but for who and when.</summary>
    private static ProgrammeCycleVersion Next(ProgrammeCycleVersion c, Caller caller, DateTime now) => new()
    {
        CycleId = c.CycleId, Version = c.Version + 1, ValidFrom = now, OwnerCode = c.OwnerCode, Code = c.Code, Name = c.Name, Year = c.Year, Scope = c.Scope,
        Description = c.Description, MilestonesJson = c.MilestonesJson, BaselineAt = c.BaselineAt, PublishedAt = c.PublishedAt, ChangedBy = caller.Subject,
        CreatedAt = c.CreatedAt,
    };

    private static ProgrammeCycleVersion ToRow(ProgrammeCycleRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now, DateTime? baselineAt) => new()
    {
        CycleId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!, Code = r.Code, Name = r.Name, Year = r.Year, Scope = r.Scope,
        Description = r.Description, MilestonesJson = JsonSerializer.Serialize(r.Milestones, DevelopmentMapping.StoredJson), BaselineAt = baselineAt,
        ChangedBy = caller.Subject, CreatedAt = createdAt,
    };
}
