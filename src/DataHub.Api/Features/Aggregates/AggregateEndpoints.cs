using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
            .WithProblems(400);
        return api;
    }

    /// <summary>The aggregates' query: which areas, years, sectors, plan types and certainties, at which moment.</summary>
    private sealed record AggregatesQuery(
        [property: FromQuery(Name = "level"), Description("municipality, resRegion, province (default) or national")] string? Level,
        [property: FromQuery(Name = "area"), Description("area codes at that level, comma-separated (all when absent)")] string? Area,
        [property: FromQuery(Name = "fromYear"), Description("first year (default 2025)")] int? FromYear,
        [property: FromQuery(Name = "toYear"), Description("last year (default 2040; at most 50 years after fromYear)")] int? ToYear,
        [property: FromQuery(Name = "sector"), Description("sector codes, comma-separated")] string? Sector,
        [property: FromQuery(Name = "planType"), Description("plan type codes, comma-separated")] string? PlanType,
        [property: FromQuery(Name = "certainty"), Description("certainty codes, comma-separated")] string? Certainty,
        [property: FromQuery(Name = "asOf"), Description("the data as it was at this moment (e.g. a programme cycle's baseline), RFC 3339"), DataType(DataType.DateTime)] string? AsOf);

    private static async Task<Results<Ok<AggregateResult>, ProblemResult>> Get([AsParameters] AggregatesQuery q, HttpContext http, DevelopmentAggregateReads reads, AccessScopes access, CancellationToken ct)
    {
        var (query, errors) = AggregateQuery.Read(q.Level, q.Area, q.FromYear?.ToString(CultureInfo.InvariantCulture), q.ToYear?.ToString(CultureInfo.InvariantCulture),
            q.Sector, q.PlanType, q.Certainty);
        var (asOf, asOfProblem) = RequestBody.AsOf(q.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if (query is null) return Problems.Validation(errors, "The query is not valid");
        return TypedResults.Ok(await reads.GetAsync(await access.CurrentAsync(ct), query, asOf, ct));
    }
}
