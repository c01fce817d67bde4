namespace DataHub.Api.Features.Programme;

/// <summary>
/// <c>sort</c> on the project list: comma-separated keys, each ascending or (with a leading <c>-</c>) descending,
/// e.g. <c>-investment,delivery</c>. Projects without a value for a key come last either way; ties keep the list's
/// own order (province, then code), so every order is complete and the same on each request.
/// </summary>
public static class MiekProjectSort
{

    /// <summary>The keys by name: what each sorts on (null: no value).</summary>
    private static readonly Dictionary<string, Func<MiekProjectVersion, MiekFiche, MiekAssessmentVersion?, IComparable?>> Keys = new(StringComparer.Ordinal)
    {
        ["province"] = (p, _, _) => p.OwnerCode,
        ["code"] = (p, _, _) => p.Code,
        ["name"] = (p, _, _) => p.Name,
        ["status"] = (p, _, _) => Array.IndexOf(CodeLists.ProjectStatuses, p.Status),
        ["infrastructureType"] = (p, _, _) => p.InfrastructureType,
        ["carrier"] = (p, _, _) => p.Carrier,
        ["projectType"] = (p, _, _) => p.ProjectType,
        ["decision"] = (_, _, d) => d is null ? null : Array.IndexOf(CodeLists.Decisions, d.Value),
        ["investment"] = (_, f, _) => f.Finance.InvestmentEurMillions,
        ["capacity"] = (_, f, _) => f.CapacityMw,
        ["delivery"] = (_, f, _) => f.Planning.IndicativeDelivery,
        ["updatedAt"] = (p, _, _) => p.ValidFrom,
    };

    public static string Description =>
        $"sort keys, comma-separated, '-' first for descending: {string.Join(", ", Keys.Keys)} (status and decision in their own order: {string.Join(", ", CodeLists.Decisions)})";

    /// <summary>The keys asked for, or the error naming the unknown one.</summary>
    public static (IReadOnlyList<(string Key, bool Descending)> Keys, FieldError? Error) Parse(string? sort)
    {
        var keys = new List<(string, bool)>();
        foreach (var part in (sort ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, descending) = part.StartsWith('-') ? (part[1..], true) : (part, false);
            if (!Keys.ContainsKey(key))
                return ([], new FieldError("", "unknownCode", $"'{key}' is not a sort key; use {string.Join(", ", Keys.Keys)}") { Parameter = "sort" });
            keys.Add((key, descending));
        }
        return (keys, null);
    }

    /// <summary>The selection's projects in the order asked (the selection's own order when no key is given).</summary>
    public static List<MiekProjectVersion> Apply(MiekProjectSelection selection, IReadOnlyList<(string Key, bool Descending)> keys)
    {
        if (keys.Count == 0) return selection.Rows;
        var rows = selection.Rows.Select((p, i) => (Row: p, Position: i, Values: keys.Select(k =>
            Keys[k.Key](p, MiekProjectContracts.FicheOf(p), selection.Decisions.GetValueOrDefault(p.ProjectId))).ToArray())).ToList();
        rows.Sort((a, b) =>
        {
            for (var k = 0; k < keys.Count; k++)
            {
                var (x, y) = (a.Values[k], b.Values[k]);
                var order = x is null ? (y is null ? 0 : 1) : y is null ? -1
                    : (keys[k].Descending ? -1 : 1) * (x is string sx ? string.CompareOrdinal(sx, (string)y) : x.CompareTo(y));
                if (order != 0) return order;
            }
            return a.Position.CompareTo(b.Position);
        });
        return [.. rows.Select(r => r.Row)];
    }
}
