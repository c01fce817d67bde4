namespace DataHub.Api.Features.Organisations;

public sealed record OrganisationResponse(string Code, string Name, string Type, string? AreaCode);

public sealed record OrganisationList(IReadOnlyList<OrganisationResponse> Items, int NumberReturned);

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisations(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/organisations").WithTags("Organisations");
        g.MapGet("", List).WithName("listOrganisations").WithSummary("The registered organisations, optionally of one type")
            .WithProblems(400);
        g.MapGet("/{code}", Get).WithName("getOrganisation").WithSummary("One organisation by its code")
            .WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Ok<OrganisationList>, ProblemResult>> List(string? type, OrganisationReads reads, CancellationToken ct) =>
        (await reads.ListAsync(type, ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Ok<OrganisationResponse>, ProblemResult>> Get(string code, OrganisationReads reads, CancellationToken ct) =>
        (await reads.GetAsync(code, ct)).Failed(out var problem, out var organisation) ? problem : TypedResults.Ok(organisation);
}

/// <summary>The registered organisations (public).</summary>
public sealed class OrganisationReads(DataHubDb db)
{
    /// <summary>The organisations, optionally of one type, by code.</summary>
    public async Task<Outcome<OrganisationList>> ListAsync(string? type, CancellationToken ct)
    {
        if (type is not null && Array.IndexOf(OrganisationTypes.All, type) < 0)
            return Problems.Validation([new FieldError("", "unknownCode", $"'{type}' is not an organisation type; use one of {string.Join(", ", OrganisationTypes.All)}") { Parameter = "type" }]);
        var rows = db.Organisations.AsNoTracking();
        if (type is not null) rows = rows.Where(o => o.Type == type);
        var items = await rows.OrderBy(o => o.Code).Select(o => new OrganisationResponse(o.Code, o.Name, o.Type, o.AreaCode)).ToListAsync(ct);
        return new OrganisationList(items, items.Count);
    }

    public async Task<Operations.Outcome<OrganisationResponse>> GetAsync(string code, CancellationToken ct)
    {
        var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, ct);
        return o is null ? Problems.NotFound($"There is no organisation '{code}'.") : new OrganisationResponse(o.Code, o.Name, o.Type, o.AreaCode);
    }
}
