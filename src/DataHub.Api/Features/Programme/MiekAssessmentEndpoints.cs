using System.Globalization;
using DataHub.Api.Features.Analysis;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

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
public static class MiekAssessmentEndpoints
{
    public static readonly string[] Decisions = ["prioritised", "included", "notIncluded"];

    public static RouteGroupBuilder MapMiekAssessments(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects/{id:guid}").WithTags("Programme");
        g.MapGet("/assessment", Get).WithName("getMiekAssessment")
            .WithSummary("Scores with rationale and author, the prioritisation decision, their history, and the hub's supporting facts")
            .WithQuery("asOf", "the assessment as it stood at this moment (e.g. the cycle's baseline or its publication), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<MiekAssessment>().WithProblems(400, 404);
        g.MapPut("/scores/{criterion}", Score).WithName("scoreMiekProject")
            .WithSummary("Score the project on one criterion, with a rationale (If-Match when replacing a score)")
            .Accepts<ScoreRequest>("application/json").WithHeader("If-Match", "the ETag of the score being replaced")
            .Produces<AssessmentEntry>().WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        g.MapPut("/decision", Decide).WithName("decideMiekProject")
            .WithSummary("The prioritisation decision (prioritised, included, notIncluded) with its reason (If-Match when replacing)")
            .Accepts<object>("application/json").WithHeader("If-Match", "the ETag of the decision being replaced")
            .Produces<AssessmentEntry>().WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        return api;
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, AuditTrail audit, IOptions<DataHubOptions> options,
        CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var scope = await access.CurrentAsync(ct);
        var project = await MiekProjectEndpoints.ReadAsync(db, id, scope, asOf, ct);
        if (project is null) return Problems.NotFound($"There is no MIEK project {id}{(asOf is null ? "" : " at that moment")}.");
        var view = AnalysisView.For(scope);
        var model = asOf is { } past ? await models.AtAsync(db, past, ct) : await models.CurrentAsync(db, ct);
        var assessment = (await AssessAsync(db, [project], scope, model, view, options.Value, ct, asOf: asOf))[0];
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "MIEK assessment", ct);
        return TypedResults.Ok(assessment);
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
        frameworks ??= await WeighingFrameworkEndpoints.ForAsync(db, [.. projects.Select(p => p.OwnerCode).Distinct()], ct, asOf);
        var fiches = projects.Select(MiekProjectEndpoints.FicheOf).ToList();
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

    public static async Task<IResult> Score(Guid id, string criterion, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        return await WriteAsync(id, "score", criterion, http, db, store, scope, audit, options.Value, ct, async (project, e, errors) =>
        {
            var framework = await WeighingFrameworkEndpoints.ForAsync(db, project.OwnerCode, ct);
            if (framework.Criteria.FirstOrDefault(x => x.Code == criterion) is not { } c)
                return (null, Problems.NotFound($"{project.OwnerCode}'s framework {framework.Code} has no criterion '{criterion}' ({string.Join(", ", framework.Criteria.Select(x => x.Code))})."));
            if (scope.Organisation is null) return (null, Problems.Unauthorized("Scores are given by a signed-in organisation."));
            if (!MayScore(scope, project, c))
                return (null, Problems.Forbidden(c.ScoredBy == WeighingFrameworkEndpoints.GridOperator
                    ? $"Criterion {c.Code} is scored by the grid operator that proposed the project or is one of its parties (a Submitter)."
                    : $"Criterion {c.Code} is scored by {project.OwnerCode}'s ProgrammeCoordinator."));
            string? value = null;
            if (!e.TryGetProperty("score", out var s) || s.ValueKind == JsonValueKind.Null) errors.Add("/score", "required", "score is required");
            else if (c.Scale is { } scale)
            {
                if (s.ValueKind == JsonValueKind.String && scale.Contains(s.GetString()!)) value = s.GetString();
                else errors.Add("/score", "unknownCode", $"criterion {c.Code} is scored {string.Join(", ", scale)}");
            }
            else if (s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var amount) && double.IsFinite(amount) && amount >= 0)
                value = amount.ToString("R", CultureInfo.InvariantCulture);
            else errors.Add("/score", "invalidNumber", $"criterion {c.Code} is an amount in {c.Unit}, ≥ 0");
            return (value, null);
        });
    }

    public static async Task<IResult> Decide(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        return await WriteAsync(id, "decision", "", http, db, store, scope, audit, options.Value, ct,
            (project, e, errors) => Task.FromResult(DecisionOf(scope, project, e, errors)), rationaleName: "reason");
    }

    private static (string? Value, IResult? Refused) DecisionOf(AccessScope scope, MiekProjectVersion project, JsonElement e, ErrorCollector errors)
    {
        if (scope.Organisation is null) return (null, Problems.Unauthorized("Decisions are taken by a signed-in organisation."));
        if (!MiekProjectAccess.IsCoordinatorOf(scope, project))
            return (null, Problems.Forbidden($"{project.OwnerCode}'s ProgrammeCoordinator decides on its pMIEK."));
        var decision = e.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && Decisions.Contains(d.GetString()!) ? d.GetString() : null;
        if (decision is null) errors.Add("/decision", e.TryGetProperty("decision", out _) ? "unknownCode" : "required", $"decision is one of {string.Join(", ", Decisions)}");
        return (decision, null);
    }

    private static bool MayScore(AccessScope scope, MiekProjectVersion project, Criterion c) =>
        c.ScoredBy == WeighingFrameworkEndpoints.WorkOrganisation ? MiekProjectAccess.IsCoordinatorOf(scope, project) : MiekProjectAccess.IsGridOperatorOf(scope, project);

    /// <summary>
    /// Reads the body, lets <paramref name="check"/> decide who may write and what the value is, then stores the next
    /// version of this (project, kind, criterion): the first without If-Match, later ones with it.
    /// </summary>
    private static async Task<IResult> WriteAsync(Guid id, string kind, string criterion, HttpContext http, DataHubDb db, DevelopmentStore store,
        AccessScope scope, AuditTrail audit, DataHubOptions options, CancellationToken ct,
        Func<MiekProjectVersion, JsonElement, ErrorCollector, Task<(string? Value, IResult? Refused)>> check, string rationaleName = "rationale")
    {
        var project = await MiekProjectEndpoints.ReadAsync(db, id, scope, null, ct);
        if (project is null or { IsRetired: true }) return Problems.NotFound($"There is no MIEK project {id}.");
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        using (doc)
        {
            var e = doc!.RootElement;
            var errors = new ErrorCollector();
            if (e.ValueKind != JsonValueKind.Object) return Problems.Validation([new FieldError("", "invalidType", "the body is a JSON object")]);
            var (value, refused) = await check(project, e, errors);
            if (refused is not null) return refused;
            foreach (var p in e.EnumerateObject().Where(p => p.Name != rationaleName && p.Name != (kind == "score" ? "score" : "decision")))
                errors.Add("/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a property here");
            var rationale = e.TryGetProperty(rationaleName, out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Trim() is { Length: > 0 and <= 4000 } t ? t : null;
            if (rationale is null) errors.Add("/" + rationaleName, "required", $"{rationaleName} is required (1–4000 characters): every {kind} carries its argument");
            if (errors.HasErrors) return Problems.Validation(errors.Errors, $"The {kind} is not valid");

            var current = await db.MiekAssessmentVersions.FirstOrDefaultAsync(a => a.ProjectId == id && a.Kind == kind && a.Criterion == criterion && a.ValidTo == null, ct);
            if (current is not null && RequestBody.CheckIfMatch(http.Request, current.Version, $"the {kind} of project {id}") is { } stale) return stale;
            var now = store.Now();
            if (current is not null) current.ValidTo = now;
            var row = new MiekAssessmentVersion
            {
                AssessmentId = current?.AssessmentId ?? Guid.CreateVersion7(now), ProjectId = id, Version = (current?.Version ?? 0) + 1, ValidFrom = now,
                OwnerCode = project.OwnerCode, Kind = kind, Criterion = criterion, Value = value!, Rationale = rationale!,
                AuthorOrganisation = scope.Organisation!, ChangedBy = scope.Caller.Subject,
            };
            db.MiekAssessmentVersions.Add(row);
            audit.Write(scope.Caller, kind, "miekProject", id.ToString(), project.OwnerCode, detail: criterion.Length > 0 ? $"criterion {criterion}" : null);
            if (await VersionedWrite.SaveAsync(http, db, row, $"The {kind} of project {id}", ct) is { } conflict) return conflict;
            return TypedResults.Ok(Entry(row));
        }
    }

    private static AssessmentEntry Entry(MiekAssessmentVersion a) =>
        new(a.Criterion.Length > 0 ? a.Criterion : null, a.Value, a.Rationale, a.AuthorOrganisation, a.ChangedBy, a.ValidFrom, a.Version);
}
