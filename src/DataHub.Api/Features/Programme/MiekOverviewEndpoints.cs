namespace DataHub.Api.Features.Programme;

/// <summary>The national overview's REST edge; the behaviour is <see cref="MiekProjectReads.OverviewAsync"/>.</summary>
public static class MiekOverviewEndpoints
{
    public static RouteGroupBuilder MapMiekOverview(this RouteGroupBuilder api)
    {
        api.MapGet("/miek-overview", Get).WithTags("Programme").WithName("getMiekOverview")
            .WithSummary("Projects counted by province, carrier, infrastructure type, project type, status and decision")
            .WithQuery("cycle", "programme cycle id (a national cycle: every province's cycle of its year)").WithQuery("year", "the cycles of this year", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("province", "province code").WithQuery("status", string.Join(", ", MiekProjectContracts.Statuses))
            .WithQuery("asOf", "as the projects and decisions were at this moment, RFC 3339", Microsoft.OpenApi.JsonSchemaType.String, "date-time")
            .Produces<MiekOverview>().WithProblems(400);
        return api;
    }

    private static async Task<IResult> Get(HttpContext http, MiekProjectReads reads, AccessScopes access, CancellationToken ct)
    {
        var (query, errors, problem) = MiekProjectEndpoints.QueryOf(http.Request.Query);
        if (problem is not null) return problem;
        if (errors.Count > 0) return Problems.Validation(errors, "The query is not valid");
        return (await reads.OverviewAsync(await access.CurrentAsync(ct), query, ct)).Failed(out var refused, out var overview) ? refused : TypedResults.Ok(overview);
    }
}
