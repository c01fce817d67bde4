namespace DataHub.Api.Features.Programme;

/// <summary>Which projects a question about the (p)MIEK is about: cycle (a national cycle stands for every province's cycle of its year), year, province, status, at a moment.</summary>
public sealed record MiekProjectQuery(Guid? Cycle, int? Year, string? Province, string? Status, DateTime? AsOf);

/// <summary>
/// (p)MIEK projects with their fiche and decision, as the caller may read them (<see cref="MiekProjectAccess"/>): the
/// list in every format, one project, and the national overview, now or as they stood at a moment.
/// </summary>
public sealed class MiekProjectReads(DataHubDb db)
{
    /// <summary>The projects a query selects, with their decisions and the cycles; <paramref name="otherErrors"/> are the caller's own, reported together with these.</summary>
    public Task<Outcome<MiekProjectSelection>> SelectAsync(AccessScope scope, MiekProjectQuery query, IReadOnlyList<FieldError> otherErrors, CancellationToken ct) =>
        MiekProjectSelection.ReadAsync(db, scope, query, otherErrors, ct);

    /// <summary>The projects a query selects, in the order asked for, with their decisions.</summary>
    public async Task<Outcome<(List<MiekProjectResponse> Items, MiekProjectSelection Selection)>> ListAsync(AccessScope scope, MiekProjectQuery query, string? sort,
        IReadOnlyList<FieldError> otherErrors, CancellationToken ct)
    {
        var (order, sortError) = MiekProjectSort.Parse(sort);
        if ((await SelectAsync(scope, query, [.. otherErrors, .. sortError is null ? Array.Empty<FieldError>() : [sortError]], ct)).Failed(out var problem, out var chosen))
            return problem;
        return ([.. MiekProjectSort.Apply(chosen, order).Select(p => MiekProjectContracts.ToResponse(p, chosen.Decisions.GetValueOrDefault(p.ProjectId)))], chosen);
    }

    /// <summary>One project the caller may read, now or as it was at asOf (a retired one too: it answers retired), with its decision.</summary>
    public async Task<Outcome<MiekProjectResponse>> GetAsync(AccessScope scope, Guid id, DateTime? asOf, CancellationToken ct)
    {
        var row = await ReadAsync(db, id, scope, asOf, ct);
        if (row is null) return NotFound(id, asOf);
        return MiekProjectContracts.ToResponse(row, (await DecisionsAsync(db, [id], asOf, ct)).GetValueOrDefault(id));
    }

    /// <summary>The overview of the projects a query selects: counted by province, carrier, infrastructure type, project type, status and decision.</summary>
    public async Task<Outcome<MiekOverview>> OverviewAsync(AccessScope scope, MiekProjectQuery query, CancellationToken ct) =>
        (await SelectAsync(scope, query, [], ct)).Failed(out var problem, out var selection) ? problem : MiekOverviews.Of(query, selection);

    public static ProblemResult NotFound(Guid id, DateTime? asOf) => Problems.NotFound($"There is no MIEK project {id}{(asOf is null ? "" : " at that moment")}.");

    /// <summary>The project's version the caller may read, current or in force at asOf (a retired one too: it answers retired).</summary>
    public static Task<MiekProjectVersion?> ReadAsync(DataHubDb db, Guid id, AccessScope scope, DateTime? asOf, CancellationToken ct) =>
        db.MiekProjectVersions.AsNoTracking().Where(p => p.ProjectId == id).InForceAt(asOf).ReadableBy(scope).FirstOrDefaultAsync(ct);

    /// <summary>The current prioritisation decision of each project, with its reason: part of every project read, so a project not included shows why.</summary>
    public static async Task<Dictionary<Guid, MiekAssessmentVersion>> DecisionsAsync(DataHubDb db, List<Guid> projects, DateTime? asOf, CancellationToken ct)
    {
        if (projects.Count == 0) return [];
        return await db.MiekAssessmentVersions.AsNoTracking().InForceAt(asOf).Where(a => projects.Contains(a.ProjectId) && a.Kind == "decision")
            .ToDictionaryAsync(a => a.ProjectId, ct);
    }
}
