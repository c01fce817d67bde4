namespace DataHub.Api.Features.Programme;

/// <summary>One group of the overview: how many projects, how many of them were prioritised, included, not included or are undecided, and their sums.</summary>
public sealed record MiekOverviewGroup(string Key, int Projects, int Prioritised, int Included, int NotIncluded, int Undecided,
    double InvestmentEurMillions, double CapacityMw);

public sealed record MiekOverview(Guid? Cycle, int? Year, DateTime? AsOf, MiekOverviewGroup Total, IReadOnlyList<MiekOverviewGroup> ByProvince,
    IReadOnlyList<MiekOverviewGroup> ByCarrier, IReadOnlyList<MiekOverviewGroup> ByInfrastructureType, IReadOnlyList<MiekOverviewGroup> ByProjectType,
    IReadOnlyList<MiekOverviewGroup> ByStatus, IReadOnlyList<MiekOverviewGroup> ByDecision);

/// <summary>
/// The national overview of the (p)MIEK: the projects the caller may read (same selection as the list: cycle, year,
/// province, status, asOf) counted by province, carrier, infrastructure type, project type, status and decision,
/// with investment and added capacity. Projects not included count too: the overview shows what was weighed, not only
/// what was chosen.
/// </summary>
public static class MiekOverviewEndpoints
{
    public static RouteGroupBuilder MapMiekOverview(this RouteGroupBuilder api)
    {
        api.MapGet("/miek-overview", Get).WithTags("Programme").WithName("getMiekOverview")
            .WithSummary("Projects counted by province, carrier, infrastructure type, project type, status and decision")
            .WithQuery("cycle", "programme cycle id (a national cycle: every province's cycle of its year)").WithQuery("year", "the cycles of this year", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("province", "province code").WithQuery("status", string.Join(", ", MiekProjectEndpoints.Statuses))
            .WithQuery("asOf", "as the projects and decisions were at this moment, RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<MiekOverview>().WithProblems(400);
        return api;
    }

    public static async Task<IResult> Get(HttpContext http, DataHubDb db, AccessScopes access, CancellationToken ct)
    {
        var (overview, problem) = await ComputeAsync(http.Request.Query, db, await access.CurrentAsync(ct), ct);
        return problem is not null ? problem : TypedResults.Ok(overview);
    }

    /// <summary>The overview of the projects a query selects, as the caller may read them (REST and GraphQL).</summary>
    public static async Task<(MiekOverview?, ProblemResult?)> ComputeAsync(IQueryCollection q, DataHubDb db, AccessScope scope, CancellationToken ct)
    {
        var (selection, problem) = await MiekProjectSelection.ReadAsync(q, db, scope, [], ct);
        if (problem is not null) return (null, problem);
        var rows = selection!.Rows.Select(p => (Project: p, Decision: selection.Decisions.GetValueOrDefault(p.ProjectId)?.Value,
            Fiche: MiekProjectEndpoints.FicheOf(p))).ToList();
        List<MiekOverviewGroup> By(Func<(MiekProjectVersion Project, string? Decision, MiekFiche Fiche), string> key) =>
            [.. rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g]))];
        return (new MiekOverview(Guid.TryParse(q["cycle"], out var c) ? c : null, int.TryParse(q["year"], out var y) ? y : null, selection.AsOf,
            Group("total", rows), By(r => r.Project.OwnerCode), By(r => r.Project.Carrier), By(r => r.Project.InfrastructureType), By(r => r.Project.ProjectType),
            By(r => r.Project.Status), By(r => r.Decision ?? "undecided")), null);
    }

    private static MiekOverviewGroup Group(string key, IReadOnlyList<(MiekProjectVersion Project, string? Decision, MiekFiche Fiche)> rows) => new(key, rows.Count,
        rows.Count(r => r.Decision == "prioritised"), rows.Count(r => r.Decision == "included"), rows.Count(r => r.Decision == "notIncluded"),
        rows.Count(r => r.Decision is null), Math.Round(rows.Sum(r => r.Fiche.Finance.InvestmentEurMillions ?? 0), 3), Math.Round(rows.Sum(r => r.Fiche.CapacityMw ?? 0), 3));
}
