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

/// <summary>
/// <c>GET /miek-projects/{id}/fiche</c>: the fiche as JSON, or as a printable HTML page of one A4 (<c>f=html</c> or
/// <c>Accept: text/html</c>) with a small map and a load-versus-capacity chart, in Dutch for the people who print it.
/// </summary>
public static class MiekFicheEndpoints
{
    public static RouteGroupBuilder MapMiekFiche(this RouteGroupBuilder api)
    {
        api.MapGet("/miek-projects/{id:guid}/fiche", Get).WithTags("Programme").WithName("getMiekProjectFiche")
            .WithSummary("The project fiche: fields, scores with rationale, decision, supporting facts, progress, map and load against capacity")
            .WithQuery("f", "json (default) or html (one printable A4 page); or ask with Accept: text/html")
            .WithQuery("asOf", "the fiche as it stood at this moment (e.g. the cycle's baseline or publication): the same answer forever, RFC 3339",
                Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<MiekProjectFiche>().Produces<string>(200, "text/html").WithProblems(400, 404);
        return api;
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, GridModelCache models, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var format = http.Request.Query["f"].ToString() is { Length: > 0 } f ? f
            : http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) ? "html" : "json";
        if (format is not ("json" or "html"))
            return Problems.Validation([new FieldError("", "unknownCode", "f is json or html") { Parameter = "f" }]);
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var scope = await access.CurrentAsync(ct);
        var project = await MiekProjectEndpoints.ReadAsync(db, id, scope, asOf, ct);
        if (project is null) return Problems.NotFound($"There is no MIEK project {id}{(asOf is null ? "" : " at that moment")}.");
        var cycle = await db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.CycleId == project.CycleId).InForceAt(asOf).FirstAsync(ct);
        var model = asOf is { } past ? await models.AtAsync(db, past, ct) : await models.CurrentAsync(db, ct);
        var view = AnalysisView.For(scope);
        var frameworks = await WeighingFrameworkEndpoints.ForAsync(db, [project.OwnerCode], ct, asOf);
        var framework = frameworks[project.OwnerCode];
        var assessment = (await MiekAssessmentEndpoints.AssessAsync(db, [project], scope, model, view, options.Value, ct, frameworks, asOf))[0];
        var decision = await MiekProjectEndpoints.DecisionsAsync(db, [id], asOf, ct);
        var progress = db.MiekProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id);
        if (asOf is { } then) progress = progress.Where(u => u.RecordedAt <= then);
        var latest = await progress.OrderByDescending(u => u.AsOfDate).ThenByDescending(u => u.RowId).FirstOrDefaultAsync(ct);
        var fiche = MiekProjectEndpoints.FicheOf(project);
        var areas = MiekSupportingFacts.Areas(model, fiche).Select(i => model.Grid.Areas[i])
            .Select(a => new FicheArea(new AreaRef(a.Id, a.Operator, a.ShortCode), a.Boundary)).ToList();
        var result = new MiekProjectFiche(MiekProjectEndpoints.ToResponse(project, decision.GetValueOrDefault(id)), ProgrammeCycleEndpoints.ToResponse(cycle),
            framework, assessment, latest is null ? null : MiekProgressEndpoints.ToResponse(latest),
            MiekSupportingFacts.Series(model, view, fiche, options.Value), areas, asOf);
        await audit.ReadAsync(scope.Caller, view.Counted.Select(d => d.AccessRow()), "MIEK fiche", ct);
        http.Response.Headers.ETag = RequestBody.ETag(project.Version);
        if (format == "json") return TypedResults.Ok(result);
        http.Response.Headers.ContentSecurityPolicy = MiekFicheHtml.Policy; // its own style element, by hash
        return Results.Content(MiekFicheHtml.Render(result), "text/html; charset=utf-8");
    }
}
