using System.Globalization;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// Scoring a project on a criterion of its province's framework, and the prioritisation decision, each with its
/// argument. Criteria scored by the work organisation are the province's ProgrammeCoordinator's; C (efficiency) and
/// H (cost) the grid operator's that proposed the project or is one of its parties. The decision is the province's.
/// Each (project, kind, criterion) is versioned: the first without If-Match, later ones with it.
/// </summary>
public sealed class MiekAssessmentWrites(DataHubDb db, DevelopmentStore store, AuditTrail audit)
{
    public Task<Outcome<AssessmentEntry>> ScoreAsync(AccessScope scope, Guid id, string criterion, JsonElement body, string? ifMatch, CancellationToken ct) =>
        WriteAsync(scope, id, "score", criterion, body, ifMatch, ct, async (project, e, errors) =>
        {
            var framework = await WeighingFrameworkReads.ForAsync(db, project.OwnerCode, ct);
            if (framework.Criteria.FirstOrDefault(x => x.Code == criterion) is not { } c)
                return Problems.NotFound($"{project.OwnerCode}'s framework {framework.Code} has no criterion '{criterion}' ({string.Join(", ", framework.Criteria.Select(x => x.Code))}).");
            if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
            if (!MayScore(scope, project, c))
                return Problems.Forbidden(c.ScoredBy == WeighingFrameworkContracts.GridOperator
                    ? $"Criterion {c.Code} is scored by the grid operator that proposed the project or is one of its parties (a Submitter)."
                    : $"Criterion {c.Code} is scored by {project.OwnerCode}'s ProgrammeCoordinator.");
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
            return value ?? "";
        });

    public Task<Outcome<AssessmentEntry>> DecideAsync(AccessScope scope, Guid id, JsonElement body, string? ifMatch, CancellationToken ct) =>
        WriteAsync(scope, id, "decision", "", body, ifMatch, ct, (project, e, errors) => Task.FromResult(DecisionOf(scope, project, e, errors)), rationaleName: "reason");

    private static Outcome<string> DecisionOf(AccessScope scope, MiekProjectVersion project, JsonElement e, ErrorCollector errors)
    {
        if (RoleGates.SignedIn.Check(scope) is { } denied) return denied;
        if (!MiekProjectAccess.IsCoordinatorOf(scope, project)) return Problems.Forbidden($"{project.OwnerCode}'s ProgrammeCoordinator decides on its pMIEK.");
        var decision = e.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && CodeLists.Decisions.Contains(d.GetString()!) ? d.GetString() : null;
        if (decision is null)
            errors.Add("/decision", e.TryGetProperty("decision", out _) ? "unknownCode" : "required", $"decision is one of {string.Join(", ", CodeLists.Decisions)}");
        return decision ?? "";
    }

    private static bool MayScore(AccessScope scope, MiekProjectVersion project, Criterion c) =>
        c.ScoredBy == WeighingFrameworkContracts.WorkOrganisation ? MiekProjectAccess.IsCoordinatorOf(scope, project) : MiekProjectAccess.IsGridOperatorOf(scope, project);

    /// <summary>
    /// Lets <paramref name="check"/> decide who may write and what the value is (adding what is wrong with it to the
    /// errors), then stores the next version of this (project, kind, criterion).
    /// </summary>
    private async Task<Outcome<AssessmentEntry>> WriteAsync(AccessScope scope, Guid id, string kind, string criterion, JsonElement e, string? ifMatch, CancellationToken ct,
        Func<MiekProjectVersion, JsonElement, ErrorCollector, Task<Outcome<string>>> check, string rationaleName = "rationale")
    {
        var project = await MiekProjectReads.ReadAsync(db, id, scope, null, ct);
        if (project is null or { IsRetired: true }) return Problems.NotFound($"There is no MIEK project {id}.");
        if (e.ValueKind != JsonValueKind.Object) return Problems.Validation([new FieldError("", "invalidType", "the body is a JSON object")]);
        var errors = new ErrorCollector();
        if ((await check(project, e, errors)).Failed(out var refused, out var value)) return refused;
        foreach (var p in e.EnumerateObject().Where(p => p.Name != rationaleName && p.Name != (kind == "score" ? "score" : "decision")))
            errors.Add("/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a property here");
        var rationale = e.TryGetProperty(rationaleName, out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Trim() is { Length: > 0 and <= 4000 } t ? t : null;
        if (rationale is null) errors.Add("/" + rationaleName, "required", $"{rationaleName} is required (1–4000 characters): every {kind} carries its argument");
        if (errors.HasErrors) return Problems.Validation(errors.Errors, $"The {kind} is not valid");

        var current = await db.MiekAssessmentVersions.AsNoTracking().FirstOrDefaultAsync(a => a.ProjectId == id && a.Kind == kind && a.Criterion == criterion && a.ValidTo == null, ct);
        if (current is not null && Precondition.Check(ifMatch, current.Version, $"the {kind} of project {id}") is { } stale) return stale;
        var now = store.Now();
        var row = new MiekAssessmentVersion
        {
            AssessmentId = current?.AssessmentId ?? Guid.CreateVersion7(now), ProjectId = id, Version = (current?.Version ?? 0) + 1, ValidFrom = now,
            OwnerCode = project.OwnerCode, Kind = kind, Criterion = criterion, Value = value, Rationale = rationale!,
            AuthorOrganisation = scope.Organisation!, ChangedBy = scope.Caller.Subject,
        };
        audit.Write(scope.Caller, kind, "miekProject", id.ToString(), project.OwnerCode, detail: criterion.Length > 0 ? $"criterion {criterion}" : null);
        if (!await db.AppendAsync(current, row, ct)) return Problems.PreconditionFailed($"The {kind} of project {id} was changed by another request; GET it again.");
        return MiekAssessmentReads.Entry(row);
    }
}
