using DataHub.Api.Features.Audit;
using DataHub.Api.Features.Developments;
using DataHub.Api.Spatial;
using Microsoft.OpenApi;

namespace DataHub.Api.Features.Aggregates;

public sealed record AggregateCell(string Area, int Year, string Sector, string PlanType, string Certainty, string Unit,
    int? Count, double? Total, bool Suppressed, string? SuppressedBecause);

public sealed record AggregateResult(string Level, int FromYear, int ToYear, int MinOwners, double MaxDominancePercent,
    IReadOnlyList<AggregateCell> Cells, int NumberReturned);

/// <summary>GET /development-aggregates: the REST edge of <see cref="DevelopmentAggregateReads"/>.</summary>
public static class AggregateEndpoints
{
    public static RouteGroupBuilder MapDevelopmentAggregates(this RouteGroupBuilder api)
    {
        api.MapGet("/development-aggregates", Get).WithTags("Aggregates").WithName("getDevelopmentAggregates")
            .WithSummary("Quantities and counts per fixed area × year × sector × plan type × certainty, with disclosure control")
            .WithQuery("level", "municipality, resRegion, province (default) or national")
            .WithQuery("area", "area codes at that level, comma-separated (all when absent)")
            .WithQuery("fromYear", "first year (default 2025)", JsonSchemaType.Integer)
            .WithQuery("toYear", "last year (default 2040; at most 50 years after fromYear)", JsonSchemaType.Integer)
            .WithQuery("sector", "sector codes, comma-separated")
            .WithQuery("planType", "plan type codes, comma-separated")
            .WithQuery("certainty", "certainty codes, comma-separated")
            .WithQuery("asOf", "the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339", JsonSchemaType.String, "date-time")
            .Produces<AggregateResult>().WithProblems(400);
        return api;
    }

    private static async Task<IResult> Get(HttpContext http, DevelopmentAggregateReads reads, AccessScopes access, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (query, errors) = AggregateQuery.Read(q["level"], q["area"], q["fromYear"], q["toYear"], q["sector"], q["planType"], q["certainty"]);
        var (asOf, asOfProblem) = RequestBody.AsOf(http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if (query is null) return Problems.Validation(errors, "The query is not valid");
        return TypedResults.Ok(await reads.GetAsync(await access.CurrentAsync(ct), query, asOf, ct));
    }
}
