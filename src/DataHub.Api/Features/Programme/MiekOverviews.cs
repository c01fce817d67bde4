namespace DataHub.Api.Features.Programme;

/// <summary>One group of the overview: how many projects, how many of them were prioritised, included, not included or are undecided, and their sums.</summary>
public sealed record MiekOverviewGroup(string Key, int Projects, int Prioritised, int Included, int NotIncluded, int Undecided,
    double InvestmentEurMillions, double CapacityMw);

public sealed record MiekOverview(Guid? Cycle, int? Year, DateTime? AsOf, MiekOverviewGroup Total, IReadOnlyList<MiekOverviewGroup> ByProvince,
    IReadOnlyList<MiekOverviewGroup> ByCarrier, IReadOnlyList<MiekOverviewGroup> ByInfrastructureType, IReadOnlyList<MiekOverviewGroup> ByProjectType,
    IReadOnlyList<MiekOverviewGroup> ByStatus, IReadOnlyList<MiekOverviewGroup> ByDecision);

/// <summary>
/// The national overview of the (p)MIEK: the selected projects counted by province, carrier, infrastructure type,
/// project type, status and decision, with investment and added capacity. Projects not included count too: the
/// overview shows what was weighed, not only what was chosen. Pure.
/// </summary>
public static class MiekOverviews
{
    public static MiekOverview Of(MiekProjectQuery query, MiekProjectSelection selection)
    {
        var rows = selection.Rows.Select(p => (Project: p, Decision: selection.Decisions.GetValueOrDefault(p.ProjectId)?.Value,
            Fiche: MiekProjectContracts.FicheOf(p))).ToList();
        List<MiekOverviewGroup> By(Func<(MiekProjectVersion Project, string? Decision, MiekFiche Fiche), string> key) =>
            [.. rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g]))];
        return new MiekOverview(query.Cycle, query.Year, selection.AsOf,
            Group("total", rows), By(r => r.Project.OwnerCode), By(r => r.Project.Carrier), By(r => r.Project.InfrastructureType), By(r => r.Project.ProjectType),
            By(r => r.Project.Status), By(r => r.Decision ?? "undecided"));
    }

    private static MiekOverviewGroup Group(string key, IReadOnlyList<(MiekProjectVersion Project, string? Decision, MiekFiche Fiche)> rows) => new(key, rows.Count,
        rows.Count(r => r.Decision == "prioritised"), rows.Count(r => r.Decision == "included"), rows.Count(r => r.Decision == "notIncluded"),
        rows.Count(r => r.Decision is null), Math.Round(rows.Sum(r => r.Fiche.Finance.InvestmentEurMillions ?? 0), 3), Math.Round(rows.Sum(r => r.Fiche.CapacityMw ?? 0), 3));
}
