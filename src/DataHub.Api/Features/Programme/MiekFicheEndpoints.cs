using System.ComponentModel.DataAnnotations;

namespace DataHub.Api.Features.Programme;

/// <summary>
/// <c>GET /miek-projects/{id}/fiche</c>: the fiche (<see cref="MiekFicheReads"/>) as JSON, or as a printable HTML page
/// of one A4 (<c>f=html</c> or <c>Accept: text/html</c>) with a small map and a load-versus-capacity chart, in Dutch
/// for the people who print it.
/// </summary>
public static class MiekFicheEndpoints
{
    public static RouteGroupBuilder MapMiekFiche(this RouteGroupBuilder api)
    {
        api.MapGet("/miek-projects/{id:guid}/fiche", Get).WithTags("Programme").WithName("getMiekProjectFiche")
            .WithSummary("The project fiche: fields, scores with rationale, decision, supporting facts, progress, map and load against capacity")
            .Produces<MiekProjectFiche>().Produces<string>(200, "text/html").WithProblems(400, 404);
        return api;
    }

    /// <summary>The fiche's query: its format and moment.</summary>
    private sealed record FicheQuery(
        [property: FromQuery(Name = "f"), Description("json (default) or html (one printable A4 page); or ask with Accept: text/html")] string? F,
        [property: FromQuery(Name = "asOf"), Description("the fiche as it stood at this moment (e.g. the cycle's baseline or publication): the same answer forever, RFC 3339"),
            DataType(DataType.DateTime)] string? AsOf);

    private static async Task<IResult> Get(Guid id, [AsParameters] FicheQuery query, HttpContext http, MiekFicheReads reads, AccessScopes access, CancellationToken ct)
    {
        var format = query.F is { Length: > 0 } f ? f
            : http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) ? "html" : "json";
        if (format is not ("json" or "html"))
            return Problems.Validation([new FieldError("", "unknownCode", "f is json or html") { Parameter = "f" }]);
        var (asOf, asOfProblem) = RequestBody.AsOf(query.AsOf, http.Request);
        if (asOfProblem is not null) return asOfProblem;
        if ((await reads.GetAsync(await access.CurrentAsync(ct), id, asOf, ct)).Failed(out var problem, out var fiche)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(fiche.Project.Version);
        if (format == "json") return TypedResults.Ok(fiche);
        http.Response.Headers.ContentSecurityPolicy = MiekFicheHtml.Policy; // its own style element, by hash
        return Results.Content(MiekFicheHtml.Render(fiche), "text/html; charset=utf-8");
    }
}
