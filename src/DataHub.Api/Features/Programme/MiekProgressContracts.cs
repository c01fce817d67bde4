using System.Globalization;

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
public static class MiekProgressContracts
{

    /// <summary>An update older than this (half a year and a month's grace) counts as "no recent update" in the report.</summary>
    public const int RecentDays = 214;

    /// <summary>Validates a progress update body against today's date; every error with its pointer. Pure.</summary>
    public static (DateOnly AsOfDate, string Phase, string Schedule, int? ExpectedDelivery, string? Reason)? Read(JsonElement e, DateOnly today, ErrorCollector errors)
    {
        if (JsonObjectReader.Open(e, errors, "a progress update", ["asOfDate", "phase", "schedule", "expectedDelivery", "reason"]) is null) return null;
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
        var phase = Code("phase", CodeLists.Phases);
        var schedule = Code("schedule", CodeLists.Schedules);
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

    public static ProgressUpdateResponse ToResponse(MiekProgressUpdate u) =>
        new(u.UpdateId, u.ProjectId, u.AsOfDate, u.Phase, u.Schedule, u.ExpectedDelivery, u.Reason, u.AuthorOrganisation, u.ChangedBy, u.RecordedAt);

    /// <summary>The report's <c>date</c> parameter (yyyy-mm-dd), or the problem naming it.</summary>
    public static (DateOnly? Date, ProblemResult? Problem) ReportDate(string? raw) =>
        raw is null ? (null, null)
        : DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? (date, null)
        : (null, Problems.Validation([new FieldError("", "invalidFormat", "date is a calendar date, yyyy-mm-dd") { Parameter = "date" }]));
}
