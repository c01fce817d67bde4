namespace DataHub.Api.Features.Programme;

/// <summary>
/// The projects one question about the (p)MIEK is about — the list in every format and the national overview ask it
/// the same way (<see cref="MiekProjectQuery"/>), and only what the caller may read.
/// </summary>
public sealed record MiekProjectSelection(List<MiekProjectVersion> Rows, Dictionary<Guid, MiekAssessmentVersion> Decisions,
    Dictionary<Guid, ProgrammeCycleVersion> Cycles, DateTime? AsOf)
{
    /// <param name="otherErrors">What the caller found wrong with its own parameters, reported together with these.</param>
    public static async Task<Outcome<MiekProjectSelection>> ReadAsync(DataHubDb db, AccessScope scope, MiekProjectQuery query,
        IReadOnlyList<FieldError> otherErrors, CancellationToken ct)
    {
        var errors = new List<FieldError>(otherErrors);
        if (query.Status is { } status && Array.IndexOf(CodeLists.ProjectStatuses, status) < 0)
            errors.Add(new FieldError("", "unknownCode", $"status is one of {string.Join(", ", CodeLists.ProjectStatuses)}") { Parameter = "status" });
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");

        var cycles = await db.ProgrammeCycleVersions.AsNoTracking().Where(x => x.ValidTo == null).ToDictionaryAsync(x => x.CycleId, ct);
        var rows = db.MiekProjectVersions.AsNoTracking().InForce(query.AsOf).ReadableBy(scope);
        if (query.Cycle is { } cy)
        {
            if (!cycles.TryGetValue(cy, out var cycle))
                return Problems.Validation([new FieldError("", "unknownCycle", $"there is no programme cycle {cy}") { Parameter = "cycle" }]);
            if (cycle.Scope == ProgrammeCycleContracts.National)
            {
                var round = cycles.Values.Where(x => x.Year == cycle.Year && x.Scope != ProgrammeCycleContracts.National).Select(x => x.CycleId).ToList();
                rows = rows.Where(p => round.Contains(p.CycleId));
            }
            else rows = rows.Where(p => p.CycleId == cy);
        }
        if (query.Year is { } yr)
        {
            var ofYear = cycles.Values.Where(x => x.Year == yr).Select(x => x.CycleId).ToList();
            rows = rows.Where(p => ofYear.Contains(p.CycleId));
        }
        if (query.Province is { } province) rows = rows.Where(p => p.OwnerCode == province);
        if (query.Status is { } s) rows = rows.Where(p => p.Status == s);
        var found = await rows.OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct);
        var decisions = await MiekProjectReads.DecisionsAsync(db, [.. found.Select(p => p.ProjectId)], query.AsOf, ct);
        return new MiekProjectSelection(found, decisions, cycles, query.AsOf);
    }
}
