using System.Globalization;
using System.Text.RegularExpressions;
using DataHub.Api.Features.Developments;

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

/// <summary>A programme cycle's contract: its code lists, the pure reader of its body, and its answer.</summary>
public static partial class ProgrammeCycleContracts
{
    public const string National = "national";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    public static ProgrammeCycleResponse ToResponse(ProgrammeCycleVersion c) => new(c.CycleId, c.OwnerCode, c.Code, c.Name, c.Year, c.Scope,
        JsonSerializer.Deserialize<List<Milestone>>(c.MilestonesJson, DevelopmentMapping.StoredJson)!, c.Description,
        c.PublishedAt is not null ? "published" : c.BaselineAt is null ? "open" : "frozen", c.BaselineAt, c.PublishedAt, c.Version, c.CreatedAt, c.ValidFrom);

    /// <summary>Validates a programme cycle body; every error with its pointer. Pure.</summary>
    public static ProgrammeCycleRequest? Read(JsonElement e, ErrorCollector errors)
    {
        if (JsonObjectReader.Open(e, errors, "a programme cycle", ["code", "name", "year", "scope", "milestones", "description"],
            readOnly: ["id", "owner", "baselineAt", "status"]) is not { } o) return null;
        var code = o.String("code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) errors.Add("/code", "invalidFormat", "code is letters, digits, '.', '_' and '-', starting with a letter or digit");
        var name = o.String("name", true, 200);
        var description = o.String("description", false, 4000);
        var scope = o.String("scope", true, 16);
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
                    if (kind is null || Array.IndexOf(CodeLists.MilestoneKinds, kind) < 0) errors.Add(at + "/kind", "unknownCode", $"kind is one of {string.Join(", ", CodeLists.MilestoneKinds)}");
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

    /// <summary>A page of changes as answered, with the link to the next page when there is one.</summary>
    public static BaselineChanges ToChanges(BaselineChangePage page, Func<long, Link> next) =>
        new(page.Cycle, page.BaselineAt, page.Items, page.Items.Count, page.NumberMatched, page.NextCursor is { } n ? [next(n)] : []);
}
