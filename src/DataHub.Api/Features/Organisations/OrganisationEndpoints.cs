namespace DataHub.Api.Features.Organisations;

public sealed record OrganisationResponse(string Code, string Name, string Type, string? AreaCode);

public sealed record OrganisationList(IReadOnlyList<OrganisationResponse> Items, int NumberReturned);

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisations(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organisations").WithTags("Organisations");
        g.MapGet("", List).WithName("listOrganisations").WithSummary("The registered organisations, optionally of one type")
            .Produces<OrganisationList>().WithProblems(400);
        g.MapGet("/{code}", Get).WithName("getOrganisation").WithSummary("One organisation by its code")
            .Produces<OrganisationResponse>().WithProblems(400, 404);
        return api;
    }

    public static async Task<IResult> List(string? type, DataHubDb db, CancellationToken ct)
    {
        if (type is not null && Array.IndexOf(OrganisationTypes.All, type) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"'{type}' is not an organisation type; use one of {string.Join(", ", OrganisationTypes.All)}") { Parameter = "type" }]);
        var rows = db.Organisations.AsNoTracking();
        if (type is not null) rows = rows.Where(o => o.Type == type);
        var items = await rows.OrderBy(o => o.Code).Select(o => new OrganisationResponse(o.Code, o.Name, o.Type, o.AreaCode)).ToListAsync(ct);
        return TypedResults.Ok(new OrganisationList(items, items.Count));
    }

    private static async Task<IResult> Get(string code, OrganisationReads reads, CancellationToken ct) =>
        (await reads.GetAsync(code, ct)).Failed(out var problem, out var organisation) ? problem : TypedResults.Ok(organisation);
}

/// <summary>The registered organisations (public).</summary>
public sealed class OrganisationReads(DataHubDb db)
{
    public async Task<Operations.Outcome<OrganisationResponse>> GetAsync(string code, CancellationToken ct)
    {
        var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, ct);
        return o is null ? Problems.NotFound($"There is no organisation '{code}'.") : new OrganisationResponse(o.Code, o.Name, o.Type, o.AreaCode);
    }
}
