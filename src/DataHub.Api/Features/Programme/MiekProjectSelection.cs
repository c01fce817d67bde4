using System.Globalization;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// The projects one question about the (p)MIEK is about — the list in every format and the national overview ask it
/// the same way: which cycle (a national cycle stands for every province's cycle of its year), year, province and
/// status, at which moment (<c>asOf</c>, e.g. the baseline), and only what the caller may read.
/// </summary>
public sealed record MiekProjectSelection(List<MiekProjectVersion> Rows, Dictionary<Guid, MiekAssessmentVersion> Decisions,
    Dictionary<Guid, ProgrammeCycleVersion> Cycles, DateTime? AsOf)
{
    /// <param name="otherErrors">What the caller found wrong with its own parameters, reported together with these.</param>
    public static async Task<(MiekProjectSelection?, ProblemResult?)> ReadAsync(IQueryCollection q, DataHubDb db, AccessScope scope,
        IReadOnlyList<FieldError> otherErrors, CancellationToken ct)
    {
        var errors = new List<FieldError>(otherErrors);
        Guid? cycleId = null;
        if (q["cycle"].ToString() is { Length: > 0 } c)
        {
            if (Guid.TryParse(c, out var id)) cycleId = id;
            else errors.Add(new FieldError("", "invalidFormat", "cycle is a programme cycle id") { Parameter = "cycle" });
        }
        int? year = null;
        if (q["year"].ToString() is { Length: > 0 } y)
        {
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yv)) year = yv;
            else errors.Add(new FieldError("", "invalidType", "year is a whole year") { Parameter = "year" });
        }
        var status = q["status"].ToString() is { Length: > 0 } s ? s : null;
        if (status is not null && Array.IndexOf(MiekProjectEndpoints.Statuses, status) < 0)
            errors.Add(new FieldError("", "unknownCode", $"status is one of {string.Join(", ", MiekProjectEndpoints.Statuses)}") { Parameter = "status" });
        var (asOf, asOfProblem) = RequestBody.AsOf(q);
        if (asOfProblem is not null) return (null, asOfProblem);
        if (errors.Count > 0) return (null, Problems.Validation(errors, "The query is not valid"));

        var cycles = await db.ProgrammeCycleVersions.AsNoTracking().Where(x => x.ValidTo == null).ToDictionaryAsync(x => x.CycleId, ct);
        var rows = db.MiekProjectVersions.AsNoTracking().InForce(asOf).ReadableBy(scope);
        if (cycleId is { } cy)
        {
            if (!cycles.TryGetValue(cy, out var cycle))
                return (null, Problems.Validation([new FieldError("", "unknownCycle", $"there is no programme cycle {cy}") { Parameter = "cycle" }]));
            if (cycle.Scope == ProgrammeCycleEndpoints.National)
            {
                var round = cycles.Values.Where(x => x.Year == cycle.Year && x.Scope != ProgrammeCycleEndpoints.National).Select(x => x.CycleId).ToList();
                rows = rows.Where(p => round.Contains(p.CycleId));
            }
            else rows = rows.Where(p => p.CycleId == cy);
        }
        if (year is { } yr)
        {
            var ofYear = cycles.Values.Where(x => x.Year == yr).Select(x => x.CycleId).ToList();
            rows = rows.Where(p => ofYear.Contains(p.CycleId));
        }
        if (q["province"].ToString() is { Length: > 0 } province) rows = rows.Where(p => p.OwnerCode == province);
        if (status is not null) rows = rows.Where(p => p.Status == status);
        var found = await rows.OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct);
        var decisions = await MiekProjectEndpoints.DecisionsAsync(db, [.. found.Select(p => p.ProjectId)], asOf, ct);
        return (new MiekProjectSelection(found, decisions, cycles, asOf), null);
    }
}
