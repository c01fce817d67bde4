using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Audit;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Programme;

/// <summary>The boundary of one of the project's energy areas, for the fiche's map.</summary>
public sealed record FicheArea(AreaRef Area, Geometry Boundary);

/// <summary>
/// A project's fiche: every fiche field, the cycle it belongs to, the framework's criteria with the project's scores
/// and their rationale, the decision and its reason, the hub's supporting facts (criteria A and C), the latest
/// progress, and the load against capacity of its energy areas with their boundaries (map and chart).
/// </summary>
public sealed record MiekProjectFiche(MiekProjectResponse Project, ProgrammeCycleResponse Cycle, WeighingFramework Framework, MiekAssessment Assessment,
    ProgressUpdateResponse? LatestProgress, AreaLoadSeries? LoadAgainstCapacity, IReadOnlyList<FicheArea> Areas, DateTime? AsOf);

/// <summary>A project's fiche as the caller may see it, now or as it stood at a moment; the developments counted in its facts are audited as read.</summary>
public sealed class MiekFicheReads(DataHubDb db, GridModelCache models, AuditTrail audit, IOptions<DataHubOptions> options)
{
    public async Task<Outcome<MiekProjectFiche>> GetAsync(AccessScope scope, Guid id, DateTime? asOf, CancellationToken ct)
    {
        var project = await MiekProjectReads.ReadAsync(db, id, scope, asOf, ct);
        if (project is null) return MiekProjectReads.NotFound(id, asOf);
        var cycle = await db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.CycleId == project.CycleId).InForceAt(asOf).FirstAsync(ct);
        var model = asOf is { } past ? await models.AtAsync(db, past, ct) : await models.CurrentAsync(db, ct);
        var view = AnalysisView.For(scope);
        var frameworks = await WeighingFrameworkReads.ForAsync(db, [project.OwnerCode], ct, asOf);
        var framework = frameworks[project.OwnerCode];
        var assessment = (await MiekAssessmentReads.AssessAsync(db, [project], scope, model, view, options.Value, ct, frameworks, asOf))[0];
        var decision = await MiekProjectReads.DecisionsAsync(db, [id], asOf, ct);
        var progress = db.MiekProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id);
        if (asOf is { } then) progress = progress.Where(u => u.RecordedAt <= then);
        var latest = await progress.OrderByDescending(u => u.AsOfDate).ThenByDescending(u => u.RowId).FirstOrDefaultAsync(ct);
        var fiche = MiekProjectContracts.FicheOf(project);
        var areas = MiekSupportingFacts.Areas(model, fiche).Select(i => model.Grid.Areas[i])
            .Select(a => new FicheArea(new AreaRef(a.Id, a.Operator, a.ShortCode), a.Boundary)).ToList();
        var result = new MiekProjectFiche(MiekProjectContracts.ToResponse(project, decision.GetValueOrDefault(id)), ProgrammeCycleContracts.ToResponse(cycle),
            framework, assessment, latest is null ? null : MiekProgressContracts.ToResponse(latest),
            MiekSupportingFacts.Series(model, view, fiche, options.Value), areas, asOf);
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "MIEK fiche", ct);
        return result;
    }
}
