using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Programme;

/// <summary>The (p)MIEK projects' and the national overview's REST edge; the behaviour is <see cref="MiekProjectReads"/> and <see cref="MiekProjectWrites"/>.</summary>
public static class MiekProjectEndpoints
{
    public static RouteGroupBuilder MapMiekProjects(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects").WithTags("Programme");
        g.MapGet("", List).WithName("listMiekProjects").WithSummary("The (p)MIEK projects the caller may read, optionally of one cycle (a national cycle: every province's cycle of its year), province or status")
            .Produces<MiekProjectList>().WithProblems(400);
        g.MapPost("", Create).WithName("createMiekProject").RequireGate(RoleGates.ProjectSubmitter)
            .WithSummary("Add a project to a province's cycle (its ProgrammeCoordinator), or propose one (a grid operator's Submitter)")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getMiekProject").WithSummary("One project with its fiche")
            .WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateMiekProject").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Replace a project with a new version (the province's ProgrammeCoordinator; If-Match required)")
            .Accepts<object>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Retire).WithName("retireMiekProject").RequireGate(RoleGates.ProgrammeCoordinator).WithSummary("Retire a project (its history stays; If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .WithProblems(400, 401, 403, 404, 412, 428);
        return api;
    }

    public static RouteGroupBuilder MapMiekOverview(this RouteGroupBuilder api)
    {
        api.MapGet("/miek-overview", Overview).WithTags("Programme").WithName("getMiekOverview")
            .WithSummary("Projects counted by province, carrier, infrastructure type, project type, status and decision")
            .WithProblems(400);
        return api;
    }

    private static string StatusText => string.Join(", ", CodeLists.ProjectStatuses);
    private static string SortText => $"the order (default: province, then code); {MiekProjectSort.Description}";

    /// <summary>Which projects a list or the overview is about (<see cref="MiekProjectQuery"/>), as the query string says it.</summary>
    private sealed record SelectionQuery(
        [property: FromQuery(Name = "cycle"), Description("programme cycle id (a national cycle: every province's cycle of its year)")] string? Cycle,
        [property: FromQuery(Name = "province"), Description("province code")] string? Province,
        [property: FromQuery(Name = "status"), DescribedBy(typeof(MiekProjectEndpoints), nameof(StatusText))] string? Status,
        [property: FromQuery(Name = "year"), Description("the cycles of this year (every province's pMIEK of one round)")] int? Year,
        [property: FromQuery(Name = "asOf"), Description("the projects and decisions as they were at this moment (e.g. the cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    /// <summary>How the list is answered: its format and order.</summary>
    private sealed record ListForm(
        [property: FromQuery(Name = "f"), Description("json (default), geojson (an RFC 7946 FeatureCollection: the location as geometry, every other field as a property) or csv (the national format, one row per project); or ask with Accept: application/geo+json or text/csv")] string? F,
        [property: FromQuery(Name = "sort"), DescribedBy(typeof(MiekProjectEndpoints), nameof(SortText))] string? Sort);

    /// <summary>One project's query: the moment.</summary>
    private sealed record ProjectQuery(
        [property: FromQuery(Name = "asOf"), Description("the project as it was at this moment (e.g. its cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<MiekOverview>, ProblemResult>> Overview([AsParameters] SelectionQuery selection, HttpContext http, MiekProjectReads reads, AccessScopes access, CancellationToken ct)
    {
        var (query, errors, problem) = QueryOf(selection, http.Request);
        if (problem is not null) return problem;
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");
        return (await reads.OverviewAsync(await access.CurrentAsync(ct), query, ct)).Failed(out var refused, out var overview) ? refused : TypedResults.Ok(overview);
    }

    /// <summary>The selection a list or overview query asks for; errors in its own parameters are listed, a bad asOf is the problem.</summary>
    private static (MiekProjectQuery Query, List<FieldError> Errors, ProblemResult? Problem) QueryOf(SelectionQuery q, HttpRequest request)
    {
        var errors = new List<FieldError>();
        Guid? cycle = null;
        if (q.Cycle is { Length: > 0 } c)
        {
            if (Guid.TryParse(c, out var id)) cycle = id;
            else errors.Add(new FieldError("", "invalidFormat", "cycle is a programme cycle id") { Parameter = "cycle" });
        }
        var (asOf, asOfProblem) = RequestBody.AsOf(q.AsOf, request);
        return (new MiekProjectQuery(cycle, q.Year, q.Province is { Length: > 0 } p ? p : null, q.Status is { Length: > 0 } s ? s : null, asOf), errors, asOfProblem);
    }

    private static async Task<IResult> List([AsParameters] SelectionQuery selection, [AsParameters] ListForm form, HttpContext http, MiekProjectReads reads,
        AccessScopes access, CancellationToken ct)
    {
        var format = form.F is { Length: > 0 } fv ? fv
            : http.Request.Headers.Accept.ToString() is var accept && accept.Contains(GeoJson.MediaType, StringComparison.OrdinalIgnoreCase) ? "geojson"
            : accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "json";
        var (query, errors, asOfProblem) = QueryOf(selection, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if (format is not ("json" or "geojson" or "csv")) errors.Insert(0, new FieldError("", "unknownCode", "f is json, geojson or csv") { Parameter = "f" });
        if ((await reads.ListAsync(await access.CurrentAsync(ct), query, form.Sort is { Length: > 0 } sort ? sort : null, errors, ct)).Failed(out var problem, out var found)) return problem;
        var items = found.Items;
        return format switch
        {
            "geojson" => GeoJson.Ok(new MiekProjectCollection("FeatureCollection",
                [.. items.Select(i => new MiekProjectFeature("Feature", i.Id, i.Geometry, i with { Geometry = null }))], items.Count)),
            "csv" => MiekProjectCsv.Result(items, found.Selection.Cycles),
            _ => TypedResults.Ok(new MiekProjectList(items, items.Count)),
        };
    }

    private static async Task<Results<Ok<MiekProjectResponse>, ProblemResult>> Get(Guid id, [AsParameters] ProjectQuery query, HttpContext http, MiekProjectReads reads, AccessScopes access, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if ((await reads.GetAsync(await access.CurrentAsync(ct), id, asOf, ct)).Failed(out var problem, out var project)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(project.Version);
        return TypedResults.Ok(project);
    }

    private static async Task<Results<Created<MiekProjectResponse>, ProblemResult>> Create(HttpContext http, MiekProjectWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(scope, request!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"/api/v1/miek-projects/{written.Row.ProjectId}", MiekProjectContracts.ToResponse(written.Row, null));
    }

    private static async Task<Results<Ok<MiekProjectResponse>, ProblemResult>> Update(Guid id, HttpContext http, MiekProjectWrites writes, MiekProjectReads reads, AccessScopes access,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        var scope = await access.CurrentAsync(ct);
        if ((await writes.UpdateAsync(scope, id, request!, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Ok((await reads.GetAsync(scope, id, null, ct)).Value);
    }

    private static async Task<Results<NoContent, ProblemResult>> Retire(Guid id, HttpContext http, MiekProjectWrites writes, AccessScopes access, CancellationToken ct)
    {
        if ((await writes.RetireAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.NoContent();
    }

    /// <summary>The body's shape and codes, in the CRS Content-Crs names; the operation checks what it refers to.</summary>
    private static async Task<(MiekProjectRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext http, DataHubOptions options, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return (null, crsProblem);
        return await RequestBody.ReadValidAsync(http.Request, options.Limits, (e, errors) => MiekProjectContracts.Read(e, crs!, errors), "The project is not valid", ct);
    }
}
