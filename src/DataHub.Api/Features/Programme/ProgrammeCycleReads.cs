using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Changes;

namespace DataHub.Api.Features.Programme;

/// <summary>One page of what changed since a cycle's baseline; <see cref="NextCursor"/> continues behind it.</summary>
public sealed record BaselineChangePage(Guid Cycle, DateTime BaselineAt, List<BaselineChange> Items, int NumberMatched, long? NextCursor);

/// <summary>
/// Programme cycles (pMIEK rounds per province, the national MIEK round): their milestones, and the baseline that
/// fixes the data — once frozen, every asOf question asked at the baseline gives the same answer, and the changes
/// since list what was added, changed or retired. Cycles are public metadata; the changes are what the caller may see.
/// </summary>
public sealed class ProgrammeCycleReads(DataHubDb db, AuditTrail audit)
{
    public const int ChangesDefaultLimit = 1000;
    public const int ChangesMaxLimit = 10000;

    /// <summary>The cycles, optionally of one scope, year or status (open, frozen, published), by year, scope and code.</summary>
    public async Task<Outcome<ProgrammeCycleList>> ListAsync(string? cycleScope, int? year, string? status, CancellationToken ct)
    {
        if (status is not null && Array.IndexOf(CodeLists.CycleStatuses, status) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", "status is open, frozen or published") { Parameter = "status" }]);
        var rows = db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.ValidTo == null);
        if (cycleScope is not null) rows = rows.Where(c => c.Scope == cycleScope);
        if (year is not null) rows = rows.Where(c => c.Year == year);
        rows = status switch
        {
            "open" => rows.Where(c => c.BaselineAt == null),
            "frozen" => rows.Where(c => c.BaselineAt != null && c.PublishedAt == null),
            "published" => rows.Where(c => c.PublishedAt != null),
            _ => rows,
        };
        var items = (await rows.OrderBy(c => c.Year).ThenBy(c => c.Scope).ThenBy(c => c.Code).ToListAsync(ct)).Select(ProgrammeCycleContracts.ToResponse).ToList();
        return new ProgrammeCycleList(items, items.Count);
    }

    public async Task<Outcome<ProgrammeCycleVersion>> GetAsync(Guid id, CancellationToken ct) =>
        await db.ProgrammeCycleVersions.AsNoTracking().FirstOrDefaultAsync(c => c.CycleId == id && c.ValidTo == null, ct) is { } row
            ? row : Problems.NotFound($"There is no programme cycle {id}.");

    /// <summary>
    /// The records changed since the baseline that the caller may see, one item each, ordered by the sequence of each
    /// record's first change after the baseline: a record that changes again keeps its place, a record changed later
    /// comes after, so paging with the cursor (that first sequence) never skips or repeats a record while the data
    /// moves on. A provincial cycle is about its province's developments and pMIEK; grid data and plans are listed for all.
    /// </summary>
    public async Task<Outcome<BaselineChangePage>> ChangesAsync(AccessScope scope, Guid id, IReadOnlyList<string> types, int limit, long cursor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        foreach (var t in types.Where(t => t == "programmeCycle" || Array.IndexOf(ChangeVisibility.ResourceTypes, t) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{t}' is not a resource type listed here") { Parameter = "resourceType" });
        if (limit is < 1 or > ChangesMaxLimit) errors.Add(new FieldError("", "outOfRange", $"limit is 1–{ChangesMaxLimit}") { Parameter = "limit" });
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");
        if ((await GetAsync(id, ct)).Failed(out var notFound, out var cycle)) return notFound;
        if (cycle.BaselineAt is not { } baseline) return Problems.Conflict($"The baseline of {cycle.Code} is not frozen yet.");
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.At > baseline && e.ResourceType != "programmeCycle");
        if (types.Count > 0) events = events.Where(e => types.Contains(e.ResourceType));
        var after = await events.OrderBy(e => e.Sequence).ToListAsync(ct);
        var (visible, developments) = await ChangeVisibility.VisibleAsync(db, scope, after, ct);
        var shown = after.Where(e => visible.Contains(e.Sequence)).ToList();
        string[] provincial = ["miekProject", "miekAssessment", "miekProgress", "weighingFramework"];
        if (cycle.Scope != ProgrammeCycleContracts.National)
            shown = shown.Where(e => e.ResourceType == "development" ? developments.GetValueOrDefault((e.ResourceId, e.Version))?.ProvinceCode == cycle.Scope
                : !provincial.Contains(e.ResourceType) || e.OwnerCode == cycle.Scope).ToList();
        var all = shown.GroupBy(e => (e.ResourceType, e.ResourceId)).Select(g => (First: g.First(), Last: g.Last())).OrderBy(x => x.First.Sequence).ToList();
        var page = all.Where(x => x.First.Sequence > cursor).Take(limit + 1).ToList();
        long? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            next = page[^1].First.Sequence;
        }
        var items = page.Select(x =>
        {
            var change = x.First.Kind == "created" ? "added" : x.Last.Kind == "retired" ? "retired" : "changed";
            int? before = x.First.Kind == "created" ? null : x.First.Version - 1;
            return new BaselineChange(x.First.ResourceType, x.First.ResourceId, change, before, x.Last.Version, x.Last.At);
        }).ToList();
        var onPage = page.Select(x => (x.First.ResourceType, x.First.ResourceId)).ToHashSet();
        await audit.ReadAsync(scope.Caller, shown.Where(e => onPage.Contains((e.ResourceType, e.ResourceId)) && developments.ContainsKey((e.ResourceId, e.Version)))
            .Select(e => developments[(e.ResourceId, e.Version)]), "changes since baseline", ct);
        return new BaselineChangePage(id, baseline, items, all.Count, next);
    }
}
