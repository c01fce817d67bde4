using System.Text.RegularExpressions;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;
using DataHub.Api.Spatial;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Programme;

public sealed record Finance(double? InvestmentEurMillions, string Coverage);

public sealed record Planning(int? IndicativeDelivery, string? InfrastructurePhase, string? DevelopmentsPhase);

public sealed record Party(string Organisation, string Role);

public sealed record Dependencies(IReadOnlyList<Guid> PmiekProjects, IReadOnlyList<string> MiekProjects, IReadOnlyList<string> OutsideProvince);

/// <summary>The fiche fields beyond the project list's columns (schemas/miek-project.schema.json).</summary>
public sealed record MiekFiche(IReadOnlyList<string> Sectors, IReadOnlyList<Guid> Developments, IReadOnlyList<Guid> EnergyAreas, IReadOnlyList<string> Works,
    Finance Finance, Planning Planning, IReadOnlyList<Party> Parties, string? Description, string? Narrative, string? ReasonForInclusion,
    Dependencies Dependencies, string? ExecutionAgreements, double? CapacityMw = null);

public sealed record MiekProjectRequest(Guid Cycle, string Code, string Name, Geometry? Geometry, string InfrastructureType, string Carrier,
    string ProjectType, string? Status, MiekFiche Fiche);

public sealed record MiekProjectResponse(Guid Id, string Owner, Guid Cycle, string Code, string Name, Geometry? Geometry, string InfrastructureType,
    string Carrier, string ProjectType, string Status, string ProposedBy,
    IReadOnlyList<string> Sectors, IReadOnlyList<Guid> Developments, IReadOnlyList<Guid> EnergyAreas, IReadOnlyList<string> Works, double? CapacityMw,
    Finance Finance, Planning Planning, IReadOnlyList<Party> Parties, string? Description, string? Narrative, string? ReasonForInclusion,
    Dependencies Dependencies, string? ExecutionAgreements, string? Decision, string? DecisionReason, int Version, bool Retired, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record MiekProjectList(IReadOnlyList<MiekProjectResponse> Items, int NumberReturned);

/// <summary>A project as a GeoJSON Feature: its location as geometry, every other field as a property.</summary>
public sealed record MiekProjectFeature(string Type, Guid Id, Geometry? Geometry, MiekProjectResponse Properties);

/// <summary>The projects as an RFC 7946 FeatureCollection (national ingestion, maps).</summary>
public sealed record MiekProjectCollection(string Type, IReadOnlyList<MiekProjectFeature> Features, int NumberReturned);

/// <summary>
/// (p)MIEK projects with their fiche. The province's ProgrammeCoordinator maintains its pMIEK; a grid operator's
/// Submitter may propose a project (status <c>proposed</c>). Who reads a province's projects:
/// <see cref="MiekProjectAccess"/>. Versioned like every record; retiring keeps the history.
/// </summary>
public static partial class MiekProjectEndpoints
{
    public static readonly string[] InfrastructureTypes =
    [
        "hvStationExpansion", "newHvStation", "mvStationExpansion", "newMvRouteAndStation", "hvConnection", "tsoStation",
        "hydrogenPipeline", "electrolyser", "heatNetwork", "heatSource", "gasNetworkAdjustment", "co2Pipeline", "storage", "chargingInfrastructure", "other",
    ];
    public static readonly string[] Carriers = ["electricity", "hydrogen", "heat", "methane", "co2", "multiple"];
    public static readonly string[] ProjectTypes = ["research", "exploration", "concrete"];
    /// <summary>proposed (by a grid operator or party), candidate (on the list, being weighed), pmiekStatus (granted pMIEK status), withdrawn.</summary>
    public static readonly string[] Statuses = ["proposed", "candidate", "pmiekStatus", "withdrawn"];
    public static readonly string[] Coverages = ["covered", "extraSupportNeeded", "unknown"];
    public static readonly string[] Phases = ["idea", "exploration", "planning", "realisation", "operational"];
    public static readonly string[] Reasons = ["acceleration", "prioritisation", "confirmationOfNeed"];

    private static readonly JsonSerializerOptions Stored = DevelopmentMapping.StoredJson;

    public static RouteGroupBuilder MapMiekProjects(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects").WithTags("Programme");
        g.MapGet("", List).WithName("listMiekProjects").WithSummary("The (p)MIEK projects the caller may read, optionally of one cycle (a national cycle: every province's cycle of its year), province or status")
            .WithQuery("cycle", "programme cycle id").WithQuery("province", "province code").WithQuery("status", string.Join(", ", Statuses))
            .WithQuery("year", "the cycles of this year (every province's pMIEK of one round)", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("asOf", "the projects and decisions as they were at this moment (e.g. the cycle's baseline), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .WithQuery("f", "json (default), geojson (an RFC 7946 FeatureCollection: the location as geometry, every other field as a property) or csv (the national format, one row per project); or ask with Accept: application/geo+json or text/csv")
            .WithQuery("sort", $"the order (default: province, then code); {MiekProjectSort.Description}")
            .Produces<MiekProjectList>().WithProblems(400);
        g.MapPost("", Create).WithName("createMiekProject")
            .WithSummary("Add a project to a province's cycle (its ProgrammeCoordinator), or propose one (a grid operator's Submitter)")
            .Accepts<object>("application/json").WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .Produces<MiekProjectResponse>(201).WithProblems(400, 401, 403, 409, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getMiekProject").WithSummary("One project with its fiche")
            .WithQuery("asOf", "the project as it was at this moment (e.g. its cycle's baseline), RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<MiekProjectResponse>().WithProblems(400, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateMiekProject").WithSummary("Replace a project with a new version (the province's ProgrammeCoordinator; If-Match required)")
            .Accepts<object>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .WithHeader("Content-Crs", "CRS of the geometry: CRS84 (default), EPSG:28992 or EPSG:4258")
            .Produces<MiekProjectResponse>().WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Retire).WithName("retireMiekProject").WithSummary("Retire a project (its history stays; If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .Produces(204).WithProblems(400, 401, 403, 404, 412, 428);
        return api;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    public static async Task<IResult> List(HttpContext http, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var format = q["f"].ToString() is { Length: > 0 } fv ? fv
            : http.Request.Headers.Accept.ToString() is var accept && accept.Contains(GeoJson.MediaType, StringComparison.OrdinalIgnoreCase) ? "geojson"
            : accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "json";
        var (sort, sortError) = MiekProjectSort.Parse(q["sort"]);
        var formatError = format is "json" or "geojson" or "csv" ? null : new FieldError("", "unknownCode", "f is json, geojson or csv") { Parameter = "f" };
        var (selection, problem) = await MiekProjectSelection.ReadAsync(http.Request.Query, db, await access.CurrentAsync(ct), [.. new[] { formatError, sortError }.OfType<FieldError>()], ct);
        if (problem is not null) return problem;
        var chosen = selection!;
        var items = MiekProjectSort.Apply(chosen, sort).Select(p => ToResponse(p, chosen.Decisions.GetValueOrDefault(p.ProjectId))).ToList();
        return format switch
        {
            "geojson" => GeoJson.Ok(new MiekProjectCollection("FeatureCollection",
                [.. items.Select(i => new MiekProjectFeature("Feature", i.Id, i.Geometry, i with { Geometry = null }))], items.Count)),
            "csv" => MiekProjectCsv.Result(items, chosen.Cycles),
            _ => TypedResults.Ok(new MiekProjectList(items, items.Count)),
        };
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var scope = await access.CurrentAsync(ct);
        var row = await ReadAsync(db, id, scope, asOf, ct);
        if (row is null) return Problems.NotFound($"There is no MIEK project {id}{(asOf is null ? "" : " at that moment")}.");
        http.Response.Headers.ETag = RequestBody.ETag(row.Version);
        return TypedResults.Ok(ToResponse(row, (await DecisionsAsync(db, [id], asOf, ct)).GetValueOrDefault(id)));
    }

    /// <summary>The project's version the caller may read, current or in force at asOf (a retired one too: it answers retired).</summary>
    public static Task<MiekProjectVersion?> ReadAsync(DataHubDb db, Guid id, AccessScope scope, DateTime? asOf, CancellationToken ct) =>
        db.MiekProjectVersions.AsNoTracking().Where(p => p.ProjectId == id).InForceAt(asOf).ReadableBy(scope).FirstOrDefaultAsync(ct);

    /// <summary>The current prioritisation decision of each project, with its reason: part of every project read, so a project not included shows why.</summary>
    public static async Task<Dictionary<Guid, MiekAssessmentVersion>> DecisionsAsync(DataHubDb db, List<Guid> projects, DateTime? asOf, CancellationToken ct)
    {
        if (projects.Count == 0) return [];
        return await db.MiekAssessmentVersions.AsNoTracking().InForceAt(asOf).Where(a => projects.Contains(a.ProjectId) && a.Kind == "decision")
            .ToDictionaryAsync(a => a.ProjectId, ct);
    }

    public static async Task<IResult> Create(HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Projects are added by a signed-in organisation.");
        var coordinator = scope.OrganisationType == OrganisationTypes.Provincie && scope.Caller.Has(Roles.ProgrammeCoordinator);
        var proposer = scope.OrganisationType == OrganisationTypes.Netbeheerder && scope.Caller.Has(Roles.Submitter);
        if (!coordinator && !proposer)
            return Problems.Forbidden("A province's ProgrammeCoordinator adds projects; a grid operator's Submitter may propose them.");
        var (request, cycle, problem) = await ReadAsync(http, db, scope, options.Value, ct);
        if (problem is not null) return problem;
        if (coordinator && cycle!.Scope != scope.Organisation)
            return Problems.Forbidden($"{scope.Organisation} maintains its own pMIEK; cycle {cycle.Code} is {cycle.Scope}'s.");
        if (proposer && request!.Status is not (null or "proposed"))
            return Problems.Validation([new FieldError("/status", "notAllowed", "a grid operator proposes projects: status is proposed")]);
        if (await db.MiekProjectVersions.AnyAsync(p => p.OwnerCode == cycle!.Scope && p.Code == request!.Code && p.ValidTo == null, ct))
            return Problems.Conflict($"{cycle!.Scope} already has a project with code '{request!.Code}'.");
        var now = store.Now();
        var row = ToRow(request!, Guid.CreateVersion7(now), 1, cycle!.Scope, scope.Organisation, proposer ? "proposed" : request!.Status ?? "candidate",
            scope.Caller, now, now);
        db.MiekProjectVersions.Add(row);
        audit.Write(scope.Caller, "create", "miekProject", row.ProjectId.ToString(), row.OwnerCode);
        await db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = RequestBody.ETag(1);
        return TypedResults.Created($"/api/v1/miek-projects/{row.ProjectId}", ToResponse(row, null));
    }

    public static async Task<IResult> Update(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (current, refused) = await ForWriteAsync(id, http, db, scope, ct);
        if (refused is not null) return refused;
        var (request, cycle, problem) = await ReadAsync(http, db, scope, options.Value, ct);
        if (problem is not null) return problem;
        var errors = new List<FieldError>();
        if (request!.Code != current!.Code) errors.Add(new FieldError("/code", "immutable", $"code cannot change (it is '{current.Code}')"));
        if (cycle!.CycleId != current.CycleId) errors.Add(new FieldError("/cycle", "immutable", "a project stays in its cycle; add it to another cycle as a new project"));
        if (errors.Count > 0) return Problems.Validation(errors);
        var next = ToRow(request, id, current.Version + 1, current.OwnerCode, current.ProposedBy, request.Status ?? current.Status, scope.Caller, current.CreatedAt, store.Now());
        return await SaveAsync(http, db, audit, scope, current, next, "update", ct)
            ?? TypedResults.Ok(ToResponse(next, (await DecisionsAsync(db, [id], null, ct)).GetValueOrDefault(id)));
    }

    public static async Task<IResult> Retire(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (current, refused) = await ForWriteAsync(id, http, db, scope, ct);
        if (refused is not null) return refused;
        var now = store.Now();
        var next = new MiekProjectVersion
        {
            ProjectId = id, Version = current!.Version + 1, ValidFrom = now, IsRetired = true, OwnerCode = current.OwnerCode, CycleId = current.CycleId,
            Code = current.Code, Name = current.Name, InfrastructureType = current.InfrastructureType, Carrier = current.Carrier, ProjectType = current.ProjectType,
            Status = current.Status, ProposedBy = current.ProposedBy, Geometry = current.Geometry, FicheJson = current.FicheJson,
            ChangedBy = scope.Caller.Subject, CreatedAt = current.CreatedAt,
        };
        return await SaveAsync(http, db, audit, scope, current, next, "retire", ct) ?? TypedResults.NoContent();
    }

    private static async Task<(MiekProjectVersion?, IResult?)> ForWriteAsync(Guid id, HttpContext http, DataHubDb db, AccessScope scope, CancellationToken ct)
    {
        if (scope.Organisation is null) return (null, Problems.Unauthorized("Projects are maintained by a signed-in organisation."));
        var current = await db.MiekProjectVersions.Where(p => p.ProjectId == id && p.ValidTo == null && !p.IsRetired).ReadableBy(scope).FirstOrDefaultAsync(ct);
        if (current is null) return (null, Problems.NotFound($"There is no MIEK project {id}."));
        if (!MiekProjectAccess.IsCoordinatorOf(scope, current))
            return (null, Problems.Forbidden($"Project {id} is on {current.OwnerCode}'s pMIEK: its ProgrammeCoordinator maintains it."));
        if (RequestBody.CheckIfMatch(http.Request, current.Version, $"MIEK project {id}") is { } stale) return (null, stale);
        return (current, null);
    }

    /// <summary>Stores the next version; a problem when another request got there first, else null.</summary>
    private static async Task<IResult?> SaveAsync(HttpContext http, DataHubDb db, AuditTrail audit, AccessScope scope, MiekProjectVersion current,
        MiekProjectVersion next, string action, CancellationToken ct)
    {
        current.ValidTo = next.ValidFrom;
        db.MiekProjectVersions.Add(next);
        audit.Write(scope.Caller, action, "miekProject", next.ProjectId.ToString(), next.OwnerCode);
        return await VersionedWrite.SaveAsync(http, db, next, $"MIEK project {next.ProjectId}", ct);
    }

    private static MiekProjectVersion ToRow(MiekProjectRequest r, Guid id, int version, string owner, string proposedBy, string status, Caller caller,
        DateTime createdAt, DateTime now) => new()
    {
        ProjectId = id, Version = version, ValidFrom = now, OwnerCode = owner, CycleId = r.Cycle, Code = r.Code, Name = r.Name,
        InfrastructureType = r.InfrastructureType, Carrier = r.Carrier, ProjectType = r.ProjectType, Status = status, ProposedBy = proposedBy,
        Geometry = r.Geometry, FicheJson = JsonSerializer.Serialize(r.Fiche, Stored), ChangedBy = caller.Subject, CreatedAt = createdAt,
    };

    /// <summary>The fiche fields a project version stores as JSON.</summary>
    public static MiekFiche FicheOf(MiekProjectVersion p) => JsonSerializer.Deserialize<MiekFiche>(p.FicheJson, Stored)!;

    public static MiekProjectResponse ToResponse(MiekProjectVersion p, MiekAssessmentVersion? decision)
    {
        var f = FicheOf(p);
        return new(p.ProjectId, p.OwnerCode, p.CycleId, p.Code, p.Name, p.Geometry, p.InfrastructureType, p.Carrier, p.ProjectType, p.Status, p.ProposedBy,
            f.Sectors, f.Developments, f.EnergyAreas, f.Works, f.CapacityMw, f.Finance, f.Planning, f.Parties, f.Description, f.Narrative, f.ReasonForInclusion,
            f.Dependencies, f.ExecutionAgreements, decision?.Value, decision?.Rationale, p.Version, p.IsRetired, p.CreatedAt, p.ValidFrom);
    }

    /// <summary>Reads and checks a project body, and the cycle, developments and energy areas it names; every error with its pointer.</summary>
    private static async Task<(MiekProjectRequest?, ProgrammeCycleVersion?, ProblemResult?)> ReadAsync(HttpContext http, DataHubDb db, AccessScope scope,
        DataHubOptions options, CancellationToken ct)
    {
        var (crs, crsProblem) = RequestBody.ContentCrs(http.Request);
        if (crsProblem is not null) return (null, null, crsProblem);
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, ["application/json"], ct);
        if (problem is not null) return (null, null, problem);
        using (doc)
        {
            var errors = new ErrorCollector();
            var request = Read(doc!.RootElement, crs!, errors);
            ProgrammeCycleVersion? cycle = null;
            if (request is not null)
            {
                cycle = await db.ProgrammeCycleVersions.AsNoTracking().FirstOrDefaultAsync(c => c.CycleId == request.Cycle && c.ValidTo == null, ct);
                if (cycle is null) errors.Add("/cycle", "unknownCycle", $"there is no programme cycle {request.Cycle}");
                else if (cycle.Scope == ProgrammeCycleEndpoints.National) errors.Add("/cycle", "nationalCycle", "projects are added to a province's cycle; the national MIEK gathers them from there");
                var ids = request.Fiche.Developments.Distinct().ToList();
                var visible = ids.Count == 0 ? [] : await db.DevelopmentVersions.AsNoTracking().Where(v => v.ValidTo == null && !v.IsRetired && ids.Contains(v.DevelopmentId))
                    .VisibleTo(scope).Select(v => v.DevelopmentId).ToListAsync(ct);
                for (var i = 0; i < request.Fiche.Developments.Count; i++)
                    if (!visible.Contains(request.Fiche.Developments[i])) errors.Add($"/developments/{i}", "unknownDevelopment", $"there is no development {request.Fiche.Developments[i]}");
                var areaIds = request.Fiche.EnergyAreas.Distinct().ToList();
                var areas = areaIds.Count == 0 ? [] : await db.EnergyAreaVersions.AsNoTracking().Where(a => a.ValidTo == null && areaIds.Contains(a.AreaId)).Select(a => a.AreaId).ToListAsync(ct);
                for (var i = 0; i < request.Fiche.EnergyAreas.Count; i++)
                    if (!areas.Contains(request.Fiche.EnergyAreas[i])) errors.Add($"/energyAreas/{i}", "unknownEnergyArea", $"there is no energy area {request.Fiche.EnergyAreas[i]}");
            }
            return errors.HasErrors ? (null, null, Problems.Validation(errors.Errors, "The project is not valid")) : (request, cycle, null);
        }
    }

    /// <summary>Validates a project body's shape and codes; every error with its pointer. Pure.</summary>
    public static MiekProjectRequest? Read(JsonElement e, Crs crs, ErrorCollector errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a project is a JSON object"); return null; }
        string[] allowed =
        [
            "cycle", "code", "name", "geometry", "infrastructureType", "carrier", "projectType", "status", "sectors", "developments", "energyAreas", "works",
            "capacityMw", "finance", "planning", "parties", "description", "narrative", "reasonForInclusion", "dependencies", "executionAgreements",
        ];
        string[] readOnly = ["id", "owner", "proposedBy", "version", "retired", "createdAt", "updatedAt"];
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
            errors.Add("/" + ErrorCollector.Escape(p.Name), Array.IndexOf(readOnly, p.Name) >= 0 ? "readOnly" : "unknownProperty",
                Array.IndexOf(readOnly, p.Name) >= 0 ? $"'{p.Name}' is set by the hub" : $"'{p.Name}' is not a property of a MIEK project");

        string? Text(JsonElement o, string at, string name, bool required, int max)
        {
            if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add($"{at}/{name}", "required", $"{name} is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0) { errors.Add($"{at}/{name}", "invalidType", $"{name} must be a non-empty string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { errors.Add($"{at}/{name}", "tooLong", $"{name} is longer than {max} characters"); return null; }
            return s;
        }
        string? Code(JsonElement o, string at, string name, string[] codes, bool required)
        {
            var s = Text(o, at, name, required, 100);
            if (s is not null && Array.IndexOf(codes, s) < 0) { errors.Add($"{at}/{name}", "unknownCode", $"{name} is one of {string.Join(", ", codes)}"); return null; }
            return s;
        }
        List<T> Items<T>(JsonElement o, string at, string name, Func<JsonElement, string, T?> item) where T : class
        {
            var list = new List<T>();
            if (!o.TryGetProperty(name, out var a) || a.ValueKind == JsonValueKind.Null) return list;
            if (a.ValueKind != JsonValueKind.Array) { errors.Add($"{at}/{name}", "invalidType", $"{name} is an array"); return list; }
            var i = 0;
            foreach (var x in a.EnumerateArray()) if (item(x, $"{at}/{name}/{i++}") is { } v) list.Add(v);
            return list;
        }
        string? StringItem(JsonElement x, string at, int max)
        {
            if (x.ValueKind == JsonValueKind.String && x.GetString()!.Trim() is { Length: > 0 } s && s.Length <= max) return s;
            errors.Add(at, "invalidType", $"a non-empty string of at most {max} characters");
            return null;
        }
        List<Guid> Ids(JsonElement o, string at, string name) =>
            [.. Items<object>(o, at, name, (x, p) => x.ValueKind == JsonValueKind.String && Guid.TryParse(x.GetString(), out var g) ? g : Fail(p, "invalidFormat", "an id (uuid)")).Cast<Guid>()];
        object? Fail(string at, string code, string message) { errors.Add(at, code, message); return null; }

        Guid? cycle = e.TryGetProperty("cycle", out var cy) && cy.ValueKind == JsonValueKind.String && Guid.TryParse(cy.GetString(), out var cg) ? cg : null;
        if (cycle is null) errors.Add("/cycle", e.TryGetProperty("cycle", out _) ? "invalidFormat" : "required", "cycle is the id of the province's programme cycle");
        var code = Text(e, "", "code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) errors.Add("/code", "invalidFormat", "code is letters, digits, '.', '_' and '-', starting with a letter or digit");
        var name = Text(e, "", "name", true, 300);
        Geometry? geometry = null;
        if (e.TryGetProperty("geometry", out var g) && g.ValueKind != JsonValueKind.Null) geometry = GeoJsonGeometryReader.Read(g, crs, errors);
        var infrastructure = Code(e, "", "infrastructureType", InfrastructureTypes, true);
        var carrier = Code(e, "", "carrier", Carriers, true);
        var projectType = Code(e, "", "projectType", ProjectTypes, true);
        var status = Code(e, "", "status", Statuses, false);
        var sectors = Items(e, "", "sectors", (x, p) =>
            x.ValueKind == JsonValueKind.String && DevelopmentCodes.IsKnown(DevelopmentCodes.Sectors, x.GetString()!) ? x.GetString() : (string?)Fail(p, "unknownCode", "a sector code"));
        var developments = Ids(e, "", "developments");
        var energyAreas = Ids(e, "", "energyAreas");
        var works = Items(e, "", "works", (x, p) => StringItem(x, p, 300));
        double? capacity = null;
        if (e.TryGetProperty("capacityMw", out var cap) && cap.ValueKind != JsonValueKind.Null)
        {
            if (cap.ValueKind == JsonValueKind.Number && cap.TryGetDouble(out var c) && double.IsFinite(c) && c is >= 0 and <= 100_000) capacity = c;
            else errors.Add("/capacityMw", "invalidNumber", "the transport capacity the project adds, in MW, 0–100,000");
        }
        var f = e.TryGetProperty("finance", out var fin) ? fin : default;
        double? investment = null;
        if (f.ValueKind == JsonValueKind.Object && f.TryGetProperty("investmentEurMillions", out var inv) && inv.ValueKind != JsonValueKind.Null)
        {
            if (inv.ValueKind == JsonValueKind.Number && inv.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0) investment = d;
            else errors.Add("/finance/investmentEurMillions", "invalidNumber", "the order of magnitude of the investment, in millions of euros, ≥ 0");
        }
        var coverage = f.ValueKind == JsonValueKind.Object ? Code(f, "/finance", "coverage", Coverages, false) : null;
        var pl = e.TryGetProperty("planning", out var plan) ? plan : default;
        int? delivery = null;
        if (pl.ValueKind == JsonValueKind.Object && pl.TryGetProperty("indicativeDelivery", out var del) && del.ValueKind != JsonValueKind.Null)
        {
            if (del.ValueKind == JsonValueKind.Number && del.TryGetInt32(out var y) && y is >= 2020 and <= 2100) delivery = y;
            else errors.Add("/planning/indicativeDelivery", "outOfRange", "the indicative year of delivery, 2020–2100");
        }
        var infraPhase = pl.ValueKind == JsonValueKind.Object ? Code(pl, "/planning", "infrastructurePhase", Phases, false) : null;
        var devPhase = pl.ValueKind == JsonValueKind.Object ? Code(pl, "/planning", "developmentsPhase", Phases, false) : null;
        var parties = Items(e, "", "parties", (x, p) =>
        {
            var org = Text(x, p, "organisation", true, 200);
            var role = Text(x, p, "role", true, 200);
            return org is null || role is null ? null : new Party(org, role);
        });
        var dep = e.TryGetProperty("dependencies", out var dp) ? dp : default;
        var dependencies = dep.ValueKind == JsonValueKind.Object
            ? new Dependencies(Ids(dep, "/dependencies", "pmiekProjects"), Items(dep, "/dependencies", "miekProjects", (x, p) => StringItem(x, p, 300)),
                Items(dep, "/dependencies", "outsideProvince", (x, p) => StringItem(x, p, 300)))
            : new Dependencies([], [], []);
        foreach (var (name2, element) in new[] { ("finance", f), ("planning", pl), ("dependencies", dep) })
            if (element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
                errors.Add("/" + name2, "invalidType", $"{name2} is an object");
        var fiche = new MiekFiche(sectors, developments, energyAreas, works, new Finance(investment, coverage ?? "unknown"), new Planning(delivery, infraPhase, devPhase),
            parties, Text(e, "", "description", false, 4000), Text(e, "", "narrative", false, 8000), Code(e, "", "reasonForInclusion", Reasons, false),
            dependencies, Text(e, "", "executionAgreements", false, 4000), capacity);
        return errors.HasErrors ? null : new MiekProjectRequest(cycle!.Value, code!, name!, geometry, infrastructure!, carrier!, projectType!, status, fiche);
    }
}

/// <summary>
/// Who reads a province's pMIEK projects: the province itself, the ministry and the grid operators everywhere, and
/// the municipalities and RES regions of that province. The same rule filters lists, details and the change feed.
/// </summary>
public static class MiekProjectAccess
{
    /// <summary>The provinces whose projects the caller may read; null for all of them.</summary>
    public static IReadOnlyCollection<string>? Provinces(AccessScope scope)
    {
        if (scope.Organisation is not { } org) return [];
        var catalogue = AreaCatalogue.Instance;
        return scope.OrganisationType switch
        {
            OrganisationTypes.Rijk or OrganisationTypes.Netbeheerder => null,
            OrganisationTypes.Provincie => [org],
            OrganisationTypes.Gemeente => catalogue.ByCode.TryGetValue(org, out var m) && m.ProvinceCode is { } p ? [p] : [],
            OrganisationTypes.ResRegio => [.. catalogue.Municipalities.Where(m => m.ResRegionCode == org && m.ProvinceCode != null).Select(m => m.ProvinceCode!).Distinct()],
            _ => [],
        };
    }

    public static IQueryable<MiekProjectVersion> ReadableBy(this IQueryable<MiekProjectVersion> rows, AccessScope scope) =>
        Provinces(scope) is { } provinces ? rows.Where(p => provinces.Contains(p.OwnerCode)) : rows;

    public static bool Reads(AccessScope scope, string province) => Provinces(scope) is not { } provinces || provinces.Contains(province);

    /// <summary>The province's ProgrammeCoordinator: maintains, scores (work organisation's criteria) and decides.</summary>
    public static bool IsCoordinatorOf(AccessScope scope, MiekProjectVersion project) =>
        scope.Organisation == project.OwnerCode && scope.Caller.Has(Roles.ProgrammeCoordinator);

    /// <summary>A grid operator's Submitter that proposed the project or is one of its parties: scores C and H, reports progress.</summary>
    public static bool IsGridOperatorOf(AccessScope scope, MiekProjectVersion project) =>
        scope.OrganisationType == OrganisationTypes.Netbeheerder && scope.Caller.Has(Roles.Submitter)
        && (project.ProposedBy == scope.Organisation
            || MiekProjectEndpoints.FicheOf(project).Parties.Any(p => p.Organisation == scope.Organisation));

    /// <summary>The versions in force at a moment (now when null), retired ones left out.</summary>
    public static IQueryable<MiekProjectVersion> InForce(this IQueryable<MiekProjectVersion> rows, DateTime? asOf) =>
        rows.InForceAt(asOf).Where(p => !p.IsRetired);
}
