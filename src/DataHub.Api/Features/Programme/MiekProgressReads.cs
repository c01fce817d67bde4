namespace DataHub.Api.Features.Programme;

/// <summary>A project's progress updates, and per cycle the report on the previous cycle's projects; read like the project.</summary>
public sealed class MiekProgressReads(DataHubDb db, DataHub.Api.Features.Developments.DevelopmentStore store)
{
    public async Task<Outcome<ProgressUpdateList>> ListAsync(AccessScope scope, Guid id, CancellationToken ct)
    {
        if (await MiekProjectReads.ReadAsync(db, id, scope, null, ct) is null) return Problems.NotFound($"There is no MIEK project {id}.");
        var items = (await db.MiekProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id).OrderBy(u => u.AsOfDate).ThenBy(u => u.RowId).ToListAsync(ct))
            .Select(MiekProgressContracts.ToResponse).ToList();
        return new ProgressUpdateList(id, items, items.Count);
    }

    /// <summary>
    /// How the previous cycle's projects of the same scope are doing on <paramref name="reportDate"/> (default today, or
    /// asOf's date): each project's latest update dated on or before it. With <paramref name="asOf"/>, as the hub knew it then.
    /// </summary>
    public async Task<Outcome<ProgressReport>> ReportAsync(AccessScope scope, Guid id, DateOnly? reportDate, DateTime? asOf, CancellationToken ct)
    {
        var cycle = await db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.CycleId == id).InForceAt(asOf).FirstOrDefaultAsync(ct);
        if (cycle is null) return Problems.NotFound($"There is no programme cycle {id}{(asOf is null ? "" : " at that moment")}.");
        var date = reportDate ?? DateOnly.FromDateTime(asOf ?? store.Now());
        // The previous cycle: the latest earlier one of the same scope; for the national cycle, every province's previous cycle.
        var earlier = await db.ProgrammeCycleVersions.AsNoTracking().InForceAt(asOf).Where(c => c.Year < cycle.Year
            && (cycle.Scope == ProgrammeCycleContracts.National ? c.Scope != ProgrammeCycleContracts.National : c.Scope == cycle.Scope)).ToListAsync(ct);
        var previous = earlier.GroupBy(c => c.Scope).Select(g => g.OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).First()).ToList();
        var cycleIds = previous.Select(c => c.CycleId).ToList();
        var projects = await db.MiekProjectVersions.AsNoTracking().InForceAt(asOf).Where(p => cycleIds.Contains(p.CycleId) && !p.IsRetired)
            .ReadableBy(scope).OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct);
        var projectIds = projects.Select(p => p.ProjectId).ToList();
        var recorded = db.MiekProgressUpdates.AsNoTracking().Where(u => projectIds.Contains(u.ProjectId) && u.AsOfDate <= date);
        if (asOf is { } known) recorded = recorded.Where(u => u.RecordedAt <= known);
        var updates = (await recorded.ToListAsync(ct))
            .GroupBy(u => u.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.AsOfDate).ThenBy(u => u.RowId).Last());
        var decisions = await MiekProjectReads.DecisionsAsync(db, projectIds, asOf, ct);
        // What the previous cycle put on its pMIEK: projects not included or withdrawn are not monitored.
        var items = projects.Where(p => p.Status != "withdrawn" && decisions.GetValueOrDefault(p.ProjectId)?.Value != "notIncluded").Select(p =>
        {
            var latest = updates.GetValueOrDefault(p.ProjectId);
            var progress = latest is null || latest.AsOfDate < date.AddDays(-MiekProgressContracts.RecentDays) ? "noRecentUpdate" : latest.Schedule;
            var fiche = MiekProjectContracts.FicheOf(p);
            return new ProgressReportItem(p.ProjectId, p.OwnerCode, p.Code, p.Name, p.Carrier, p.InfrastructureType, decisions.GetValueOrDefault(p.ProjectId)?.Value,
                fiche.Planning.IndicativeDelivery, progress, latest is null ? null : MiekProgressContracts.ToResponse(latest));
        }).ToList();
        var summary = new ProgressReportSummary(items.Count, items.Count(i => i.Progress == "onSchedule"), items.Count(i => i.Progress == "ahead"),
            items.Count(i => i.Progress == "delayed"), items.Count(i => i.Progress == "stopped"), items.Count(i => i.Progress == "noRecentUpdate"));
        var single = previous.Count == 1 ? previous[0] : null;
        return new ProgressReport(id, single?.CycleId, single?.Code, date, summary, items, items.Count);
    }

}
