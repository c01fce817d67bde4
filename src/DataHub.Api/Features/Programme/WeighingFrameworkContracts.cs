using System.Text.RegularExpressions;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;

namespace DataHub.Api.Features.Programme;

/// <summary>One criterion of the weighing framework: its scale (null for an amount, then a unit) and who scores it.</summary>
public sealed record Criterion(string Code, string Name, string Type, string Question, IReadOnlyList<string>? Scale, string? Unit, string ScoredBy);

public sealed record WeighingFramework(string Code, string Name, IReadOnlyList<Criterion> Criteria);

/// <summary>The framework a province weighs with: its own (tailored) or, without one, the default.</summary>
public sealed record ProvinceFramework(string Province, bool Tailored, string Code, string Name, IReadOnlyList<Criterion> Criteria, int? Version, DateTime? UpdatedAt);

/// <summary>
/// The weighing framework (afwegingskader) as data. The default is the handreiking's criteria A–H; a province's
/// ProgrammeCoordinator tailors its own — other criteria, scales or who scores them — and scores are then given
/// against the province's framework. Frameworks are public: how projects are weighed is part of the transparency.
/// Versioned: earlier versions stay, and the change feed announces a new one.
/// </summary>
public static partial class WeighingFrameworkContracts
{
    public const string WorkOrganisation = "workOrganisation";
    public const string GridOperator = "gridOperator";
    public static readonly string[] ScoredBy = [WorkOrganisation, GridOperator];

    /// <summary>The default framework of the handreiking (DOMAIN.md, seed 001); provinces tailor it.</summary>
    public static readonly WeighingFramework Default = new("afwegingskader-pmiek-2", "Afwegingskader pMIEK (handreiking)",
    [
        new("A", "Maatschappelijke doelbereiking", "societalValue", "Which (spatial) developments does the investment accommodate?", ["high", "medium", "low"], null, WorkOrganisation),
        new("B", "Aansluiting bij de energievisie", "systemTest", "How well does it fit the energievisie?", ["good", "sufficient", "poor"], null, WorkOrganisation),
        new("C", "Efficiëntie energie-infrastructuur", "systemTest", "Is it sensible from a grid point of view?", ["much", "medium", "little"], null, GridOperator),
        new("D", "Energiesysteemalternatieven", "systemTest", "How necessary from a system view?", ["high", "medium", "low"], null, WorkOrganisation),
        new("E", "Overige maatschappelijke effecten", "societalValue", "Other effects?", ["mostlyPositive", "medium", "negative"], null, WorkOrganisation),
        new("F", "Ruimtelijke inpasbaarheid", "feasibility", "Spatial obstacles foreseen?", ["littleEffort", "mediumEffort", "muchEffort"], null, WorkOrganisation),
        new("G", "Overige uitvoerbaarheid", "feasibility", "Other obstacles?", ["littleEffort", "mediumEffort", "muchEffort"], null, WorkOrganisation),
        new("H", "Kosten", "cost", "Financial size?", null, "EUR million", GridOperator),
    ]);

    [GeneratedRegex("^[A-Z][A-Z0-9]{0,7}$")]
    private static partial Regex CriterionCode();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,39}$")]
    private static partial Regex ScaleValue();

    /// <summary>Validates a framework body; every error with its pointer. Pure.</summary>
    public static WeighingFramework? Read(JsonElement e, ErrorCollector errors)
    {
        if (JsonObjectReader.Open(e, errors, "a framework", ["code", "name", "criteria"]) is null) return null;
        string? Text(JsonElement o, string at, string name, int max, bool required = true) => JsonObjectReader.Over(o, errors, at).String(name, required, max);
        var code = Text(e, "", "code", 100);
        var name = Text(e, "", "name", 200);
        var criteria = new List<Criterion>();
        if (!e.TryGetProperty("criteria", out var cs) || cs.ValueKind != JsonValueKind.Array || cs.GetArrayLength() is 0 or > 20)
            errors.Add("/criteria", "invalidType", "criteria is an array of 1–20 criteria");
        else
        {
            var i = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in cs.EnumerateArray())
            {
                var at = $"/criteria/{i++}";
                if (c.ValueKind != JsonValueKind.Object) { errors.Add(at, "invalidType", "a criterion is an object"); continue; }
                foreach (var p in c.EnumerateObject().Where(p => p.Name is not ("code" or "name" or "type" or "question" or "scale" or "unit" or "scoredBy")))
                    errors.Add($"{at}/{ErrorCollector.Escape(p.Name)}", "unknownProperty", $"'{p.Name}' is not a property of a criterion");
                var cc = Text(c, at, "code", 8);
                if (cc is not null && !CriterionCode().IsMatch(cc)) { errors.Add($"{at}/code", "invalidFormat", "a criterion code is a capital letter, then up to 7 capitals or digits"); cc = null; }
                if (cc is not null && !seen.Add(cc)) errors.Add($"{at}/code", "duplicate", $"criterion {cc} is listed twice");
                var cn = Text(c, at, "name", 200);
                var type = Text(c, at, "type", 40);
                if (type is not null && Array.IndexOf(CodeLists.CriterionTypes, type) < 0) { errors.Add($"{at}/type", "unknownCode", $"type is one of {string.Join(", ", CodeLists.CriterionTypes)}"); type = null; }
                var question = Text(c, at, "question", 500);
                var by = Text(c, at, "scoredBy", 40);
                if (by is not null && Array.IndexOf(ScoredBy, by) < 0) { errors.Add($"{at}/scoredBy", "unknownCode", $"scoredBy is one of {string.Join(", ", ScoredBy)}"); by = null; }
                List<string>? scale = null;
                if (c.TryGetProperty("scale", out var sc) && sc.ValueKind != JsonValueKind.Null)
                {
                    if (sc.ValueKind != JsonValueKind.Array || sc.GetArrayLength() is < 2 or > 7
                        || sc.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || !ScaleValue().IsMatch(v.GetString()!))
                        || sc.EnumerateArray().Select(v => v.GetString()).Distinct().Count() != sc.GetArrayLength())
                        errors.Add($"{at}/scale", "invalidType", "scale is 2–7 distinct codes (letters and digits, best first), or null for an amount");
                    else scale = [.. sc.EnumerateArray().Select(v => v.GetString()!)];
                }
                var unit = Text(c, at, "unit", 40, required: false);
                if (scale is null && unit is null && !errors.Errors.Any(x => x.Pointer == $"{at}/scale"))
                    errors.Add($"{at}/unit", "required", "a criterion without a scale is an amount: give its unit");
                if (cc is not null && cn is not null && type is not null && question is not null && by is not null && (scale is not null || unit is not null))
                    criteria.Add(new Criterion(cc, cn, type, question, scale, scale is null ? unit : null, by));
            }
        }
        return errors.HasErrors ? null : new WeighingFramework(code!, name!, criteria);
    }

    public static bool IsProvince(string code) => AreaCatalogue.Instance.ByCode.TryGetValue(code, out var a) && a.Kind == AreaKind.Province;

    public static WeighingFramework ToFramework(WeighingFrameworkVersion row) =>
        new(row.Code, row.Name, JsonSerializer.Deserialize<List<Criterion>>(row.CriteriaJson, DevelopmentMapping.StoredJson)!);

    public static ProvinceFramework ToResponse(string province, WeighingFrameworkVersion? row) => row is null
        ? new(province, false, Default.Code, Default.Name, Default.Criteria, null, null)
        : new(province, true, row.Code, row.Name, ToFramework(row).Criteria, row.Version, row.ValidFrom);
}
