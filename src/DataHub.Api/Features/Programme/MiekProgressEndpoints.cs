using System.Globalization;
using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Organisations;

namespace DataHub.Api.Features.Programme;

public sealed record ProgressUpdateResponse(Guid Id, Guid Project, DateOnly AsOfDate, string Phase, string Schedule, int? ExpectedDelivery,
    string? Reason, string AuthorOrganisation, string Author, DateTime RecordedAt);

public sealed record ProgressUpdateList(Guid Project, IReadOnlyList<ProgressUpdateResponse> Items, int NumberReturned);

/// <summary>One project the previous cycle put on its pMIEK (not withdrawn, not decided notIncluded), in a cycle's progress report: what was decided and planned, and how it goes.</summary>
public sealed record ProgressReportItem(Guid Project, string Owner, string Code, string Name, string Carrier, string InfrastructureType, string? Decision,
    int? PlannedDelivery, string Progress, ProgressUpdateResponse? LatestUpdate);

public sealed record ProgressReportSummary(int Projects, int OnSchedule, int Ahead, int Delayed, int Stopped, int NoRecentUpdate);

public sealed record ProgressReport(Guid Cycle, Guid? PreviousCycle, string? PreviousCycleCode, DateOnly ReportDate, ProgressReportSummary Summary,
    IReadOnlyList<ProgressReportItem> Items, int NumberReturned);

/// <summary>
/// Progress monitoring of (p)MIEK projects: half-yearly status updates per project (the date reported on, the phase,
/// on schedule or delayed and why), and per cycle a report on the previous cycle's projects. Updates are given by the
/// province's ProgrammeCoordinator or by a grid operator (Submitter) that proposed the project or is one of its parties
/// — usually the one building it. Read like the project.
/// </summary>
public static class MiekProgressEndpoints
{
    public static readonly string[] Schedules = ["onSchedule", "ahead", "delayed", "stopped"];

    /// <summary>An update older than this (half a year and a month's grace) counts as "no recent update" in the report.</summary>
    public const int RecentDays = 214;

    public static RouteGroupBuilder MapMiekProgress(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/miek-projects/{id:guid}/progress-updates").WithTags("Programme");
        g.MapGet("", List).WithName("listMiekProgressUpdates").WithSummary("A project's progress updates, oldest first")
            .Produces<ProgressUpdateList>().WithProblems(400, 404);
        g.MapPost("", Create).WithName("createMiekProgressUpdate")
            .WithSummary("Report a project's progress (half-yearly): date, phase, on schedule or delayed, and why")
            .Accepts<object>("application/json").Produces<ProgressUpdateResponse>(201).WithProblems(400, 401, 403, 404, 413, 415);
        api.MapGet("/programme-cycles/{id:guid}/progress-report", Report).WithTags("Programme").WithName("getProgrammeCycleProgressReport")
            .WithSummary("How the previous cycle's projects of the same scope are progressing: each project's latest update and a summary")
            .WithQuery("date", "report as of this date (yyyy-mm-dd; default today, or asOf's date): the latest update dated on or before it counts")
            .WithQuery("asOf", "the report as the hub knew it at this moment (cycles, projects, decisions and the updates recorded by then): the same answer forever, RFC 3339",
                Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<ProgressReport>().WithProblems(400, 404);
        return api;
    }

    public static async Task<IResult> List(Guid id, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (await MiekProjectEndpoints.ReadAsync(db, id, scope, null, ct) is null)
            return Problems.NotFound($"There is no MIEK project {id}.");
        var items = (await db.MiekProgressUpdates.AsNoTracking().Where(u => u.ProjectId == id).OrderBy(u => u.AsOfDate).ThenBy(u => u.RowId).ToListAsync(ct))
            .Select(ToResponse).ToList();
        return TypedResults.Ok(new ProgressUpdateList(id, items, items.Count));
    }

    public static async Task<IResult> Create(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, AuditTrail audit,
        IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var project = await MiekProjectEndpoints.ReadAsync(db, id, scope, null, ct);
        if (project is null or { IsRetired: true }) return Problems.NotFound($"There is no MIEK project {id}.");
        if (scope.Organisation is null) return Problems.Unauthorized("Progress is reported by a signed-in organisation.");
        if (!MayReport(scope, project))
            return Problems.Forbidden($"{project.OwnerCode}'s ProgrammeCoordinator, or a grid operator that proposed the project or is one of its parties, reports its progress.");
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Value.Limits, ["application/json"], ct);
        if (problem is not null) return problem;
        var now = store.Now();
        using (doc)
        {
            var errors = new ErrorCollector();
            var update = Read(doc!.RootElement, DateOnly.FromDateTime(now), errors);
            if (update is null) return Problems.Validation(errors.Errors, "The progress update is not valid");
            var row = new MiekProgressUpdate
            {
                UpdateId = Guid.CreateVersion7(now), ProjectId = id, OwnerCode = project.OwnerCode, AsOfDate = update.Value.AsOfDate, Phase = update.Value.Phase,
                Schedule = update.Value.Schedule, ExpectedDelivery = update.Value.ExpectedDelivery, Reason = update.Value.Reason,
                AuthorOrganisation = scope.Organisation, ChangedBy = scope.Caller.Subject, RecordedAt = now,
            };
            db.MiekProgressUpdates.Add(row);
            audit.Write(scope.Caller, "progress", "miekProject", id.ToString(), project.OwnerCode, detail: $"{row.Schedule} as of {row.AsOfDate:yyyy-MM-dd}");
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/miek-projects/{id}/progress-updates", ToResponse(row));
        }
    }

    /// <summary>Validates a progress update body against today's date; every error with its pointer. Pure.</summary>
    public static (DateOnly AsOfDate, string Phase, string Schedule, int? ExpectedDelivery, string? Reason)? Read(JsonElement e, DateOnly today, ErrorCollector errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("", "invalidType", "a progress update is a JSON object"); return null; }
        string[] allowed = ["asOfDate", "phase", "schedule", "expectedDelivery", "reason"];
        foreach (var p in e.EnumerateObject().Where(p => Array.IndexOf(allowed, p.Name) < 0))
            errors.Add("/" + ErrorCollector.Escape(p.Name), "unknownProperty", $"'{p.Name}' is not a property of a progress update");
        DateOnly? date = e.TryGetProperty("asOfDate", out var d) && d.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dv) ? dv : null;
        if (date is null) errors.Add("/asOfDate", e.TryGetProperty("asOfDate", out _) ? "invalidFormat" : "required", "asOfDate is the date reported on, yyyy-mm-dd");
        else if (date > today) { errors.Add("/asOfDate", "outOfRange", "progress is reported on a date that has passed"); date = null; }
        string? Code(string name, string[] codes)
        {
            var v = e.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            if (v is null || Array.IndexOf(codes, v) < 0)
            {
                errors.Add("/" + name, e.TryGetProperty(name, out _) ? "unknownCode" : "required", $"{name} is one of {string.Join(", ", codes)}");
                return null;
            }
            return v;
        }
        var phase = Code("phase", MiekProjectEndpoints.Phases);
        var schedule = Code("schedule", Schedules);
        int? delivery = null;
        if (e.TryGetProperty("expectedDelivery", out var del) && del.ValueKind != JsonValueKind.Null)
        {
            if (del.ValueKind == JsonValueKind.Number && del.TryGetInt32(out var y) && y is >= 2020 and <= 2100) delivery = y;
            else errors.Add("/expectedDelivery", "outOfRange", "the expected year of delivery, 2020–2100");
        }
        var reason = e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Trim() is { Length: > 0 } t ? t : null;
        if (reason is { Length: > 4000 }) errors.Add("/reason", "tooLong", "reason is at most 4000 characters");
        if (reason is null && schedule is "delayed" or "stopped")
            errors.Add("/reason", "required", $"a project that is {schedule} says why");
        return errors.HasErrors ? null : (date!.Value, phase!, schedule!, delivery, reason);
    }

    public static async Task<IResult> Report(Guid id, HttpContext http, DataHubDb db, DevelopmentStore store, AccessScopes access, CancellationToken ct)
    {
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request.Query);
        if (asOfProblem is not null) return asOfProblem;
        var cycle = await db.ProgrammeCycleVersions.AsNoTracking().Where(c => c.CycleId == id).InForceAt(asOf).FirstOrDefaultAsync(ct);
        if (cycle is null) return Problems.NotFound($"There is no programme cycle {id}{(asOf is null ? "" : " at that moment")}.");
        var date = DateOnly.FromDateTime(asOf ?? store.Now());
        if (http.Request.Query["date"].ToString() is { Length: > 0 } raw)
        {
            if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                return Problems.Validation([new FieldError("", "invalidFormat", "date is a calendar date, yyyy-mm-dd") { Parameter = "date" }]);
        }
        // The previous cycle: the latest earlier one of the same scope; for the national cycle, every province's previous cycle.
        var earlier = await db.ProgrammeCycleVersions.AsNoTracking().InForceAt(asOf).Where(c => c.Year < cycle.Year
            && (cycle.Scope == ProgrammeCycleEndpoints.National ? c.Scope != ProgrammeCycleEndpoints.National : c.Scope == cycle.Scope)).ToListAsync(ct);
        var previous = earlier.GroupBy(c => c.Scope).Select(g => g.OrderByDescending(c => c.Year).ThenByDescending(c => c.CreatedAt).First()).ToList();
        var scope = await access.CurrentAsync(ct);
        var cycleIds = previous.Select(c => c.CycleId).ToList();
        var projects = await db.MiekProjectVersions.AsNoTracking().InForceAt(asOf).Where(p => cycleIds.Contains(p.CycleId) && !p.IsRetired)
            .ReadableBy(scope).OrderBy(p => p.OwnerCode).ThenBy(p => p.Code).ToListAsync(ct);
        var projectIds = projects.Select(p => p.ProjectId).ToList();
        var recorded = db.MiekProgressUpdates.AsNoTracking().Where(u => projectIds.Contains(u.ProjectId) && u.AsOfDate <= date);
        if (asOf is { } known) recorded = recorded.Where(u => u.RecordedAt <= known);
        var updates = (await recorded.ToListAsync(ct))
            .GroupBy(u => u.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.AsOfDate).ThenBy(u => u.RowId).Last());
        var decisions = await MiekProjectEndpoints.DecisionsAsync(db, projectIds, asOf, ct);
        // What the previous cycle put on its pMIEK: projects not included or withdrawn are not monitored.
        var items = projects.Where(p => p.Status != "withdrawn" && decisions.GetValueOrDefault(p.ProjectId)?.Value != "notIncluded").Select(p =>
        {
            var latest = updates.GetValueOrDefault(p.ProjectId);
            var progress = latest is null || latest.AsOfDate < date.AddDays(-RecentDays) ? "noRecentUpdate" : latest.Schedule;
            var fiche = MiekProjectEndpoints.FicheOf(p);
            return new ProgressReportItem(p.ProjectId, p.OwnerCode, p.Code, p.Name, p.Carrier, p.InfrastructureType, decisions.GetValueOrDefault(p.ProjectId)?.Value,
                fiche.Planning.IndicativeDelivery, progress, latest is null ? null : ToResponse(latest));
        }).ToList();
        var summary = new ProgressReportSummary(items.Count, items.Count(i => i.Progress == "onSchedule"), items.Count(i => i.Progress == "ahead"),
            items.Count(i => i.Progress == "delayed"), items.Count(i => i.Progress == "stopped"), items.Count(i => i.Progress == "noRecentUpdate"));
        var single = previous.Count == 1 ? previous[0] : null;
        return TypedResults.Ok(new ProgressReport(id, single?.CycleId, single?.Code, date, summary, items, items.Count));
    }

    private static bool MayReport(AccessScope scope, MiekProjectVersion project) =>
        MiekProjectAccess.IsCoordinatorOf(scope, project) || MiekProjectAccess.IsGridOperatorOf(scope, project);

    public static ProgressUpdateResponse ToResponse(MiekProgressUpdate u) =>
        new(u.UpdateId, u.ProjectId, u.AsOfDate, u.Phase, u.Schedule, u.ExpectedDelivery, u.Reason, u.AuthorOrganisation, u.ChangedBy, u.RecordedAt);
}
