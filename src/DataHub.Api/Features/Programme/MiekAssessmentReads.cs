using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Audit;

namespace DataHub.Api.Features.Programme;

public sealed record ScoreRequest(string Score, string Rationale);

public sealed record AssessmentEntry(string? Criterion, string Value, string Rationale, string AuthorOrganisation, string Author, DateTime At, int Version);

public sealed record CriterionAssessment(string Criterion, AssessmentEntry? Current, IReadOnlyList<AssessmentEntry> History);

public sealed record MiekAssessment(Guid Project, string Framework, IReadOnlyList<CriterionAssessment> Scores, AssessmentEntry? Decision,
    IReadOnlyList<AssessmentEntry> DecisionHistory, SupportingFactA CriterionA, SupportingFactC CriterionC);

/// <summary>
/// The weighing framework (afwegingskader) as data, scores per project and criterion and the prioritisation
/// decision, each with rationale and author and kept in versions: the trace from a pMIEK's priorities back to the
/// arguments, also for projects that were not included. Criteria scored by the work organisation are the province's
/// ProgrammeCoordinator's to score; C (efficiency) and H (cost) the grid operator's that proposed the project or is
/// one of its parties. The decision is the province's. Read like the project.
/// </summary>
public sealed class MiekAssessmentReads(DataHubDb db, GridModelCache models, AuditTrail audit, IOptions<DataHubOptions> options)
{
    /// <summary>One project's assessment as the caller may see it, now or as it stood at asOf; the developments counted in its facts are audited as read.</summary>
    public async Task<Outcome<MiekAssessment>> GetAsync(AccessScope scope, Guid id, DateTime? asOf, CancellationToken ct)
    {
        var project = await MiekProjectReads.ReadAsync(db, id, scope, asOf, ct);
        if (project is null) return MiekProjectReads.NotFound(id, asOf);
        var view = AnalysisView.For(scope);
        var model = asOf is { } past ? await models.AtAsync(db, past, ct) : await models.CurrentAsync(db, ct);
        var assessment = (await AssessAsync(db, [project], scope, model, view, options.Value, ct, asOf: asOf))[0];
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "MIEK assessment", ct);
        return assessment;
    }

    /// <summary>
    /// The assessments of several projects in three round trips, whatever their number (the GraphQL list asks this way),
    /// as the caller may see them: scores, decision and their history, and the hub's supporting facts from
    /// <paramref name="model"/>. With <paramref name="asOf"/>, as they stood then: the history up to that moment, the
    /// framework then in force, the developments as they were (the model is the caller's to take at the same moment).
    /// </summary>
    public static async Task<List<MiekAssessment>> AssessAsync(DataHubDb db, IReadOnlyList<MiekProjectVersion> projects, AccessScope scope, GridModel model,
        AnalysisView view, DataHubOptions options, CancellationToken ct, IReadOnlyDictionary<string, WeighingFramework>? frameworks = null, DateTime? asOf = null)
    {
        var ids = projects.Select(p => p.ProjectId).ToList();
        var assessed = db.MiekAssessmentVersions.AsNoTracking().Where(a => ids.Contains(a.ProjectId));
        if (asOf is { } t) assessed = assessed.Where(a => a.ValidFrom <= t);
        var rows = (await assessed.OrderBy(a => a.Criterion).ThenBy(a => a.Version).ToListAsync(ct)).ToLookup(a => a.ProjectId);
        frameworks ??= await WeighingFrameworkReads.ForAsync(db, [.. projects.Select(p => p.OwnerCode).Distinct()], ct, asOf);
        var fiches = projects.Select(MiekProjectContracts.FicheOf).ToList();
        var factsA = await MiekSupportingFacts.CriterionAAsync(db, scope, fiches, ct, asOf);
        return [.. projects.Select((project, i) =>
        {
            var framework = frameworks[project.OwnerCode];
            var mine = rows[project.ProjectId].ToList();
            var scores = framework.Criteria.Select(c =>
            {
                var history = mine.Where(r => r.Kind == "score" && r.Criterion == c.Code).Select(Entry).ToList();
                return new CriterionAssessment(c.Code, history.LastOrDefault(), history);
            }).ToList();
            var decisions = mine.Where(r => r.Kind == "decision").Select(Entry).ToList();
            return new MiekAssessment(project.ProjectId, framework.Code, scores, decisions.LastOrDefault(), decisions, factsA[i],
                MiekSupportingFacts.CriterionC(model, view, fiches[i], options));
        })];
    }

    public static AssessmentEntry Entry(MiekAssessmentVersion a) =>
        new(a.Criterion.Length > 0 ? a.Criterion : null, a.Value, a.Rationale, a.AuthorOrganisation, a.ChangedBy, a.ValidFrom, a.Version);
}
