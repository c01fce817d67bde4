using System.Globalization;
using DataHub.Api.Features.Developments;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// What every analysis read asks over, on every surface: the calculation rule set, the scenarios and the years (by
/// default 2025–2040, at most 50 years). One reader, so REST and GraphQL refuse the same values with the same codes.
/// </summary>
public sealed record AnalysisWindow(CalculationRuleSet Rules, IReadOnlyList<string> Scenarios, int From, int To)
{
    public const int DefaultFrom = 2025;
    public const int DefaultTo = 2040;
    public const int MaxSpan = 50;

    public static AnalysisWindow Default => new(RuleSetCatalogue.Instance.Find(RuleSetCatalogue.DefaultId)!, Analysis.Scenarios.All, DefaultFrom, DefaultTo);

    /// <summary>Reads the parameters as given (absent: the defaults); every bad one becomes an error naming it.</summary>
    public static (AnalysisWindow? Window, IReadOnlyList<FieldError> Errors) Read(string? ruleSet, string? scenario, string? fromYear, string? toYear)
    {
        var errors = new List<FieldError>();
        var rules = RuleSetCatalogue.Instance.Find(string.IsNullOrEmpty(ruleSet) ? RuleSetCatalogue.DefaultId : ruleSet);
        if (rules is null) errors.Add(new FieldError("", "unknownRuleSet", $"'{ruleSet}' is not a rule set; see GET /api/v1/calculation-rule-sets") { Parameter = "ruleSet" });
        var scenarios = string.IsNullOrEmpty(scenario) ? Analysis.Scenarios.All : scenario.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var s in scenarios.Where(s => Array.IndexOf(Analysis.Scenarios.All, s) < 0))
            errors.Add(new FieldError("", "unknownCode", $"'{s}' is not a scenario; use committed, expected or ambition") { Parameter = "scenario" });
        int Year(string name, string? raw, int fallback)
        {
            if (string.IsNullOrEmpty(raw)) return fallback;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) && y is >= CodeLists.MinYear and <= CodeLists.MaxYear) return y;
            errors.Add(new FieldError("", "outOfRange", $"{name} is a year from {CodeLists.MinYear} to {CodeLists.MaxYear}") { Parameter = name });
            return fallback;
        }
        var from = Year("fromYear", fromYear, DefaultFrom);
        var to = Year("toYear", toYear, DefaultTo);
        if (to < from || to - from > MaxSpan) errors.Add(new FieldError("", "invalidRange", $"toYear is 0–{MaxSpan} years after fromYear") { Parameter = "toYear" });
        return errors.Count > 0 ? (null, errors) : (new AnalysisWindow(rules!, scenarios, from, to), errors);
    }

    /// <summary>The same from typed arguments (GraphQL's Int).</summary>
    public static (AnalysisWindow? Window, IReadOnlyList<FieldError> Errors) Read(string? ruleSet, string? scenario, int? fromYear, int? toYear) =>
        Read(ruleSet, scenario, fromYear?.ToString(CultureInfo.InvariantCulture), toYear?.ToString(CultureInfo.InvariantCulture));
}
