using System.Globalization;
using System.Text.RegularExpressions;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Changes;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Features.Programme;

public sealed record Milestone(string Kind, DateOnly Date);

/// <summary>A programme cycle as submitted (schemas/programme-cycle.schema.json).</summary>
public sealed record ProgrammeCycleRequest(string Code, string Name, int Year, string Scope, IReadOnlyList<Milestone> Milestones, string? Description);

public sealed record ProgrammeCycleResponse(Guid Id, string Owner, string Code, string Name, int Year, string Scope, IReadOnlyList<Milestone> Milestones,
    string? Description, string Status, DateTime? BaselineAt, DateTime? PublishedAt, int Version, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ProgrammeCycleList(IReadOnlyList<ProgrammeCycleResponse> Items, int NumberReturned);

/// <summary>What happened to one record since a cycle's baseline: added, changed or retired, and its versions then and now.</summary>
public sealed record BaselineChange(string ResourceType, Guid Id, string Change, int? VersionAtBaseline, int CurrentVersion, DateTime LastChangedAt);

public sealed record BaselineChanges(Guid Cycle, DateTime BaselineAt, IReadOnlyList<BaselineChange> Items, int NumberReturned, int NumberMatched,
    IReadOnlyList<Link> Links);

/// <summary>
/// Programme cycles (pMIEK rounds per province, the national MIEK round): their milestones, and the baseline that
/// fixes the data — once frozen, every asOf question asked at the baseline gives the same answer, and
/// <c>/changes</c> lists what was added, changed or retired since. A province's ProgrammeCoordinator runs its
/// cycles; the ministry's the national one. Cycles are public metadata.
/// </summary>
public static partial class ProgrammeCycleEndpoints
{
    public const string National = "national";
    public static readonly string[] MilestoneKinds = ["baseline", "projectDeadline", "scoring", "decision", "adoption", "delivery"];

    public static RouteGroupBuilder MapProgrammeCycles(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/programme-cycles").WithTags("Programme");
        g.MapGet("", List).WithName("listProgrammeCycles").WithSummary("Programme cycles, optionally of one scope (national or a province code) or year")
            .WithQuery("scope", "national or a province code (PV20–PV31)").WithQuery("year", "the cycle's year", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("status", "open, frozen (baseline frozen) or published")
            .Produces<ProgrammeCycleList>().WithProblems(400);
        g.MapPost("", Create).WithName("createProgrammeCycle").WithSummary("Open a programme cycle (ProgrammeCoordinator of the province, or of the ministry for national)")
            .Accepts<ProgrammeCycleRequest>("application/json").Produces<ProgrammeCycleResponse>(201).WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getProgrammeCycle").WithSummary("One programme cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateProgrammeCycle").WithSummary("Replace a cycle's name, milestones or description (If-Match required)")
            .Accepts<ProgrammeCycleRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapPost("/{id:guid}/baseline", Freeze).WithName("freezeProgrammeCycleBaseline")
            .WithSummary("Freeze the baseline now: asOf the baseline, the cycle's data stays as it is (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapPost("/{id:guid}/publication", Publish).WithName("publishProgrammeCycle")
            .WithSummary("Publish the adopted pMIEK: the baseline is frozen and every project has its decision (If-Match required)")
            .WithHeader("If-Match", "the ETag of the cycle")
            .Produces<ProgrammeCycleResponse>().WithProblems(400, 401, 403, 404, 409, 412, 428);
        g.MapGet("/{id:guid}/changes", Changes).WithName("listProgrammeCycleChanges")
            .WithSummary("What the caller may see that was added, changed or retired since the cycle's baseline, in the order each first changed")
            .WithQuery("resourceType", $"only these resource types, comma-separated: {string.Join(", ", ChangeVisibility.ResourceTypes.Where(t => t != "programmeCycle"))}")
            .WithQuery("limit", $"records per page (default {ChangesDefaultLimit}, at most {ChangesMaxLimit})", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("cursor", "where the page starts; take it from the next link")
            .Produces<BaselineChanges>().WithProblems(400, 404, 409);
        return api;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    public static async Task<IResult> List(HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var rows = db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.ValidTo == null);
        if (http.Request.Query["scope"].ToString() is { Length: > 0 } scope) rows = rows.Where(c => c.Scope == scope);
        if (http.Request.Query["year"].ToString() is { Length: > 0 } y)
        {
            if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                return Problems.Validation([new FieldError("", "invalidType", "year is a whole year") { Parameter = "year" }]);
            rows = rows.Where(c => c.Year == year);
        }
        var status = http.Request.Query["status"].ToString();
        if (status.Length > 0 && status is not ("open" or "frozen" or "published"))
            return Problems.Validation([new FieldError("", "unknownCode", "status is open, frozen or published") { Parameter = "status" }]);
        rows = status switch
        {
            "open" => rows.Where(c => c.BaselineAt == null),
            "frozen" => rows.Where(c => c.BaselineAt != null && c.PublishedAt == null),
            "published" => rows.Where(c => c.PublishedAt != null),
            _ => rows,
        };
        var items = (await rows.OrderBy(c => c.Year).ThenBy(c => c.Scope).ThenBy(c => c.Code).ToListAsync(ct)).Select(ToResponse).ToList();
        return TypedResults.Ok(new ProgrammeCycleList(items, items.Count));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, CancellationToken ct)
    {
        var row = await Current(db, id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null) return Problems.NotFound($"There is no programme cycle {id}.");
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ToResponse(row));
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        if (MayRun(scope, request!.Scope) is { } denied) return denied;
        if (await db.ProgrammeCycleVersions.AnyAsync(c => c.OwnerCode == scope.Organisation && c.Code == request.Code && c.ValidTo == null, ct))
            return Problems.Conflict($"{scope.Organisation} already has a programme cycle with code '{request.Code}'.");
        var now = store.Now();
        var row = ToRow(request, Guid.CreateVersion7(now), 1, scope.Caller, now, now, null);
        db.ProgrammeCycleVersions.Add(row);
        audit.Write(scope.Caller, "create", "programmeCycle", row.CycleId.ToString(), scope.Organisation);
        await db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = RequestBody.ETag(1);
        return TypedResults.Created($"/api/v1/programme-cycles/{row.CycleId}", ToResponse(row));
    }

    public static async Task<IResult> Update(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (current, refused) = await ForWriteAsync(id, http, db, scope, ct);
        if (refused is not null) return refused;
        var (request, problem) = await ReadAsync(http, options.Value, ct);
        if (problem is not null) return problem;
        var errors = new List<FieldError>();
        if (request!.Code != current!.Code) errors.Add(new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')"));
        if (request.Scope != current.Scope) errors.Add(new FieldError("/scope", "immutable", $"scope cannot change (it is '{current.Scope}')"));
        if (errors.Count > 0) return Problems.Validation(errors);
        var next = ToRow(request, id, current.Version + 1, scope.Caller, current.CreatedAt, store.Now(), current.BaselineAt);
        next.PublishedAt = current.PublishedAt;
        return await SaveAsync(http, db, audit, scope, current, next, "update", ct);
    }

    public static async Task<IResult> Freeze(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (current, refused) = await ForWriteAsync(id, http, db, scope, ct);
        if (refused is not null) return refused;
        if (current!.BaselineAt is { } at)
            return Problems.Conflict($"The baseline of {current.Code} was frozen at {at:O}; a baseline is frozen once.");
        var now = store.Now();
        var next = Next(current, scope.Caller, now);
        next.BaselineAt = now;
        return await SaveAsync(http, db, audit, scope, current, next, "freeze", ct);
    }

    /// <summary>The next version of a cycle, unchanged but for who and when.</summary>
    private static ProgrammeCycleVersion Next(ProgrammeCycleVersion c, Caller caller, DateTime now) => new()
    {
        CycleId = c.CycleId, Version = c.Version + 1, ValidFrom = now, OwnerCode = c.OwnerCode, Code = c.Code, Name = c.Name, Year = c.Year, Scope = c.Scope,
        Description = c.Description, MilestonesJson = c.MilestonesJson, BaselineAt = c.BaselineAt, PublishedAt = c.PublishedAt, ChangedBy = caller.Subject,
        CreatedAt = c.CreatedAt,
    };

    public static async Task<IResult> Publish(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (current, refused) = await ForWriteAsync(id, http, db, scope, ct);
        if (refused is not null) return refused;
        if (current!.PublishedAt is { } published) return Problems.Conflict($"{current.Code} was published at {published:O}; a cycle is published once.");
        if (current.BaselineAt is null) return Problems.Conflict($"Freeze the baseline of {current.Code} before publishing it.");
        var projects = await db.MiekProjectVersions.AsNoTracking().Where(p => p.CycleId == id && p.ValidTo == null && !p.IsRetired && p.Status != "withdrawn")
            .Select(p => new { p.ProjectId, p.Code }).ToListAsync(ct);
        var decided = await MiekProjectEndpoints.DecisionsAsync(db, [.. projects.Select(p => p.ProjectId)], null, ct);
        var undecided = projects.Where(p => !decided.ContainsKey(p.ProjectId)).Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
        if (undecided.Count > 0)
            return Problems.Conflict($"Every project needs its decision before {current.Code} is published; undecided: {string.Join(", ", undecided)}.");
        var now = store.Now();
        var next = Next(current, scope.Caller, now);
        next.PublishedAt = now;
        return await SaveAsync(http, db, audit, scope, current, next, "publish", ct);
    }

    public const int ChangesDefaultLimit = 1000;
    public const int ChangesMaxLimit = 10000;

    /// <summary>
    /// The records changed since the baseline, one item each, ordered by the sequence of each record's first change
    /// after the baseline: a record that changes again keeps its place, a record changed later comes after, so paging
    /// with the cursor (that first sequence) never skips or repeats a record while the data moves on.
    /// </summary>
    public static async Task<IResult> Changes(Guid id, HttpContext http, DataHubDb db, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var q = http.Request.Query;
        var errors = new List<FieldError>();
        var types = q["resourceType"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var t in types.Where(t => t == "programmeCycle" || Array.IndexOf(ChangeVisibility.ResourceTypes, t) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{t}' is not a resource type listed here") { Parameter = "resourceType" });
        var limit = ChangesDefaultLimit;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            || limit is < 1 or > ChangesMaxLimit))
            errors.Add(new FieldError("", "outOfRange", $"limit is 1–{ChangesMaxLimit}") { Parameter = "limit" });
        long cursor = 0;
        if (q["cursor"].ToString() is { Length: > 0 } c && !long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
            errors.Add(new FieldError("", "invalidCursor", "cursor is taken from the next link") { Parameter = "cursor" });
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");
        var cycle = await Current(db, id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (cycle is null) return Problems.NotFound($"There is no programme cycle {id}.");
        if (cycle.BaselineAt is not { } baseline) return Problems.Conflict($"The baseline of {cycle.Code} is not frozen yet.");
        var scope = await access.CurrentAsync(ct);
        var events = db.ChangeEvents.AsNoTracking().Where(e => e.At > baseline && e.ResourceType != "programmeCycle");
        if (types.Length > 0) events = events.Where(e => types.Contains(e.ResourceType));
        var after = await events.OrderBy(e => e.Sequence).ToListAsync(ct);
        var (visible, developments) = await ChangeVisibility.VisibleAsync(db, scope, after, ct);
        var shown = after.Where(e => visible.Contains(e.Sequence)).ToList();
        // A provincial cycle is about its province's developments and pMIEK; grid data and plans are listed for all.
        string[] provincial = ["miekProject", "miekAssessment", "miekProgress", "weighingFramework"];
        if (cycle.Scope != National)
            shown = shown.Where(e => e.ResourceType == "development" ? developments.GetValueOrDefault((e.ResourceId, e.Version))?.ProvinceCode == cycle.Scope
                : !provincial.Contains(e.ResourceType) || e.OwnerCode == cycle.Scope).ToList();
        var all = shown.GroupBy(e => (e.ResourceType, e.ResourceId)).Select(g => (First: g.First(), Last: g.Last())).OrderBy(x => x.First.Sequence).ToList();
        var page = all.Where(x => x.First.Sequence > cursor).Take(limit + 1).ToList();
        var links = new List<Link>();
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            links.Add(PageLinks.Next(http.Request, "application/json", ("limit", limit.ToString(CultureInfo.InvariantCulture)),
                ("cursor", page[^1].First.Sequence.ToString(CultureInfo.InvariantCulture))));
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
        return TypedResults.Ok(new BaselineChanges(id, baseline, items, items.Count, all.Count, links));
    }

    private static IQueryable<ProgrammeCycleVersion> Current(DataHubDb db, Guid id) => db.ProgrammeCycleVersions.Where(c => c.CycleId == id && c.ValidTo == null);

    /// <summary>A province's ProgrammeCoordinator runs its own cycles; the ministry's runs the national one.</summary>
    private static ProblemResult? MayRun(AccessScope scope, string cycleScope)
    {
        if (scope.Organisation is null) return Problems.Unauthorized("Programme cycles are run by a signed-in organisation.");
        if (!scope.Caller.Has(Roles.ProgrammeCoordinator)) return Problems.Forbidden("Running a programme cycle requires the ProgrammeCoordinator role.");
        var allowed = scope.OrganisationType switch
        {
            OrganisationTypes.Provincie => cycleScope == scope.Organisation,
            OrganisationTypes.Rijk => cycleScope == National,
            _ => false,
        };
        return allowed ? null : Problems.Forbidden(scope.OrganisationType == OrganisationTypes.Rijk
            ? "The ministry runs the national cycle (scope 'national')."
            : $"{scope.Organisation} runs cycles for its own province only (scope '{scope.Organisation}').");
    }

    private static async Task<(ProgrammeCycleVersion?, IResult?)> ForWriteAsync(Guid id, HttpContext http, DataHubDb db, AccessScope scope, CancellationToken ct)
    {
        if (scope.Organisation is null) return (null, Problems.Unauthorized("Programme cycles are run by a signed-in organisation."));
        var current = await Current(db, id).FirstOrDefaultAsync(ct);
        if (current is null) return (null, Problems.NotFound($"There is no programme cycle {id}."));
        if (current.OwnerCode != scope.Organisation) return (null, Problems.Forbidden($"Programme cycle {id} is run by {current.OwnerCode}."));
        if (MayRun(scope, current.Scope) is { } denied) return (null, denied);
        if (RequestBody.CheckIfMatch(http.Request, current.Version, $"programme cycle {id}") is { } stale) return (null, stale);
        return (current, null);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, DataHubDb db, AuditTrail audit, AccessScope scope, ProgrammeCycleVersion current,
        ProgrammeCycleVersion next, string action, CancellationToken ct)
    {
        current.ValidTo = next.ValidFrom;
        db.ProgrammeCycleVersions.Add(next);
        audit.Write(scope.Caller, action, "programmeCycle", next.CycleId.ToString(), scope.Organisation);
        if (await VersionedWrite.SaveAsync(http, db, next, $"Programme cycle {next.CycleId}", ct) is { } conflict) return conflict;
        return TypedResults.Ok(ToResponse(next));
    }

    private static ProgrammeCycleVersion ToRow(ProgrammeCycleRequest r, Guid id, int version, Caller caller, DateTime createdAt, DateTime now, DateTime? baselineAt) => new()
    {
        CycleId = id, Version = version, ValidFrom = now, OwnerCode = caller.Organisation!, Code = r.Code, Name = r.Name, Year = r.Year, Scope = r.Scope,
        Description = r.Description, MilestonesJson = JsonSerializer.Serialize(r.Milestones, DevelopmentMapping.StoredJson), BaselineAt = baselineAt,
        ChangedBy = caller.Subject, CreatedAt = createdAt,
    };

    public static ProgrammeCycleResponse ToResponse(ProgrammeCycleVersion c) => new(c.CycleId, c.OwnerCode, c.Code, c.Name, c.Year, c.Scope,
        JsonSerializer.Deserialize<List<Milestone>>(c.MilestonesJson, DevelopmentMapping.StoredJson)!, c.Description,
        c.PublishedAt is not null ? "published" : c.BaselineAt is null ? "open" : "frozen", c.BaselineAt, c.PublishedAt, c.Version, c.CreatedAt, c.ValidFrom);

    private static Task<(ProgrammeCycleRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext http, DataHubOptions options, CancellationToken ct) =>
        RequestBody.ReadValidAsync(http.Request, options.Limits, Read, "The programme cycle is not valid", ct);

    /// <summary>Validates a programme cycle body; every error with its pointer. Pure.</summary>
    public static ProgrammeCycleRequest? Read(JsonElement e, ErrorCollector errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a programme cycle is a JSON object"); return null; }
        string[] allowed = ["code", "name", "year", "scope", "milestones", "description"];
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
            errors.Add("/" + ErrorCollector.Escape(p.Name), p.Name is "id" or "owner" or "baselineAt" or "status" ? "readOnly" : "unknownProperty",
                p.Name is "id" or "owner" or "baselineAt" or "status" ? $"'{p.Name}' is set by the hub" : $"'{p.Name}' is not a property of a programme cycle");
        string? Str(string name, bool required, int max)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add("/" + name, "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0) { errors.Add("/" + name, "invalidType", $"{name} must be a non-empty string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { errors.Add("/" + name, "tooLong", $"{name} is longer than {max} characters"); return null; }
            return s;
        }
        var code = Str("code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) errors.Add("/code", "invalidFormat", "code is letters, digits, '.', '_' and '-', starting with a letter or digit");
        var name = Str("name", true, 200);
        var description = Str("description", false, 4000);
        var scope = Str("scope", true, 16);
        if (scope is not null && scope != National && !(scope.Length == 4 && scope.StartsWith("PV", StringComparison.Ordinal) && int.TryParse(scope[2..], out var pv) && pv is >= 20 and <= 31))
            errors.Add("/scope", "unknownCode", "scope is 'national' or a province code PV20–PV31");
        int? year = e.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yv) && yv is >= 2020 and <= 2100 ? yv : null;
        if (year is null) errors.Add("/year", e.TryGetProperty("year", out _) ? "outOfRange" : "required", "year is the cycle's year, 2020–2100");
        var milestones = new List<Milestone>();
        if (e.TryGetProperty("milestones", out var ms) && ms.ValueKind != JsonValueKind.Null)
        {
            if (ms.ValueKind != JsonValueKind.Array) errors.Add("/milestones", "invalidType", "milestones is an array of {kind, date}");
            else
            {
                var i = 0;
                foreach (var m in ms.EnumerateArray())
                {
                    var at = $"/milestones/{i++}";
                    var kind = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                    if (kind is null || Array.IndexOf(MilestoneKinds, kind) < 0) errors.Add(at + "/kind", "unknownCode", $"kind is one of {string.Join(", ", MilestoneKinds)}");
                    DateOnly? date = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
                        && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dv) ? dv : null;
                    if (date is null) errors.Add(at + "/date", "invalidFormat", "date is a calendar date, yyyy-mm-dd");
                    if (kind is not null && date is not null) milestones.Add(new Milestone(kind, date.Value));
                }
                foreach (var dup in milestones.GroupBy(m => m.Kind).Where(g => g.Count() > 1))
                    errors.Add("/milestones", "duplicate", $"one {dup.Key} milestone per cycle");
            }
        }
        return errors.HasErrors ? null : new ProgrammeCycleRequest(code!, name!, year!.Value, scope!, [.. milestones.OrderBy(m => m.Date)], description);
    }
}
