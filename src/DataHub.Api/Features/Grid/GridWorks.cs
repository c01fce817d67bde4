using System.Globalization;

namespace DataHub.Api.Features.Grid;

/// <summary>A work of the capacity map (a grid reinforcement), with the years its schedule starts and ends.</summary>
public sealed record GridWork(string ProjectName, string? Description, int? StartYear, int? CompletionYear, string SchedulesJson);

/// <summary>Reads the works an energy area's capacity map states (stored as the format delivers them, validated on import).</summary>
public static class GridWorks
{
    /// <summary>
    /// The works in the order stated. A schedule interval gives its years by <c>start</c>/<c>end</c> dates or by a
    /// <c>year</c> (with a quarter); a work starts in its schedules' first year and completes in their last.
    /// </summary>
    public static IReadOnlyList<GridWork> Read(string worksJson)
    {
        var works = new List<GridWork>();
        foreach (var w in JsonDocument.Parse(worksJson).RootElement.EnumerateArray())
        {
            int? start = null, completion = null;
            var schedules = w.TryGetProperty("time_schedules", out var ts) && ts.ValueKind == JsonValueKind.Array ? ts : default;
            if (schedules.ValueKind == JsonValueKind.Array)
                foreach (var s in schedules.EnumerateArray())
                {
                    if (!s.TryGetProperty("schedule_interval", out var i)) continue;
                    var year = i.TryGetProperty("year", out var y) && y.TryGetInt32(out var yy) ? yy : (int?)null;
                    var from = Year(i, "start") ?? year;
                    var to = Year(i, "end") ?? year;
                    if (from is { } f) start = Math.Min(start ?? f, f);
                    if (to is { } t) completion = Math.Max(completion ?? t, t);
                }
            works.Add(new GridWork(w.GetProperty("project_name").GetString()!, w.TryGetProperty("description", out var desc) ? desc.GetString() : null,
                start, completion, schedules.ValueKind == JsonValueKind.Array ? schedules.GetRawText() : "[]"));
        }
        return works;
    }

    private static int? Year(JsonElement interval, string name) =>
        interval.TryGetProperty(name, out var d) && d.ValueKind == JsonValueKind.String && DateOnly.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var date) ? date.Year : null;
}
