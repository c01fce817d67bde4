using System.Text.RegularExpressions;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Plans;

/// <summary>A source plan as submitted and returned (schemas/plan.schema.json).</summary>
public sealed record PlanRequest(string Code, string Name, string PlanType, string? Version, string Status, int? PeriodStart, int? PeriodEnd, string? Description);

public sealed record PlanResponse(Guid Id, string Owner, string Code, string Name, string PlanType, string? Version, string Status,
    int? PeriodStart, int? PeriodEnd, string? Description, int RecordVersion, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record PlanList(IReadOnlyList<PlanResponse> Items, int NumberReturned);

/// <summary>Reading a plan document and showing a stored plan: pure, for every surface.</summary>
public static partial class PlanContracts
{

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}$")]
    private static partial Regex CodePattern();

    public static PlanResponse ToResponse(PlanVersion p) => new(p.PlanId, p.OwnerCode, p.Code, p.Name, p.PlanType, p.PlanVersionLabel,
        p.Status, p.PeriodStart, p.PeriodEnd, p.Description, p.Version, p.CreatedAt, p.ValidFrom);

    /// <summary>Validates a plan body; every error with its pointer.</summary>
    public static PlanRequest? Read(JsonElement e, ErrorCollector errors)
    {
        if (JsonObjectReader.Open(e, errors, "a plan", ["code", "name", "planType", "version", "status", "periodStart", "periodEnd", "description"],
            readOnly: ["owner", "id"]) is not { } o) return null;
        int? Year(string name) => o.Int(name, false, CodeLists.MinYear, CodeLists.MaxYear, $"a year from {CodeLists.MinYear} to {CodeLists.MaxYear}");
        var code = o.String("code", true, 100);
        if (code is not null && !CodePattern().IsMatch(code)) o.Error("code", "invalidFormat", "code uses letters, digits and . _ -");
        var name = o.String("name", true, 300);
        var planType = o.Code("planType", true, CodeLists.PlanTypes, t => CodeLists.IsKnown(CodeLists.PlanTypes, t));
        var version = o.String("version", false, 50);
        var status = o.Code("status", true, CodeLists.PlanStatuses);
        var start = Year("periodStart");
        var end = Year("periodEnd");
        if (start > end) o.Error("periodEnd", "invalidRange", "periodEnd is before periodStart");
        var description = o.String("description", false, 4000);
        return errors.HasErrors ? null : new PlanRequest(code!, name!, planType!, version, status!, start, end, description);
    }
}
