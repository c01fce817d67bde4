namespace DataHub.Api.Features.SharingAgreements;

/// <summary>
/// Sharing agreements' REST edge: only the owner's OrgAdmin creates, changes or revokes them; the owner's organisation
/// and the recipients read them; to anyone else they do not exist (404). Every change is a new version.
/// </summary>
public static class SharingAgreementEndpoints
{
    public static RouteGroupBuilder MapSharingAgreements(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sharing-agreements").WithTags("Sharing agreements");
        g.MapGet("", List).WithName("listSharingAgreements").RequireGate(RoleGates.SignedIn)
            .WithSummary("The agreements the caller's organisation gave (as owner) or received (as recipient)")
            .WithProblems(400, 401);
        g.MapPost("", Create).WithName("createSharingAgreement").RequireGate(RoleGates.OrgAdmin)
            .WithSummary("Share the caller's organisation's data under an agreement (OrgAdmin)")
            .Accepts<SharingAgreementRequest>("application/json")
            .WithProblems(400, 401, 403, 413, 415);
        g.MapGet("/{id:guid}", Get).WithName("getSharingAgreement").RequireGate(RoleGates.SignedIn).WithSummary("One agreement (owner or recipient)")
            .WithProblems(400, 401, 404);
        g.MapPut("/{id:guid}", Update).WithName("updateSharingAgreement").RequireGate(RoleGates.OrgAdmin)
            .WithSummary("Replace an agreement with a new version (OrgAdmin of the owner; If-Match required)")
            .Accepts<SharingAgreementRequest>("application/json").WithHeader("If-Match", "the ETag of the version being replaced")
            .WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        g.MapDelete("/{id:guid}", Revoke).WithName("revokeSharingAgreement").RequireGate(RoleGates.OrgAdmin)
            .WithSummary("Revoke an agreement: a new version with status revoked, in force from the next request (If-Match required)")
            .WithHeader("If-Match", "the ETag of the current version")
            .WithProblems(400, 401, 403, 404, 412, 428);
        g.MapGet("/{id:guid}/versions", Versions).WithName("listSharingAgreementVersions").RequireGate(RoleGates.SignedIn)
            .WithSummary("Every version of an agreement, oldest first").WithProblems(400, 401, 404);
        return api;
    }

    /// <summary>The agreements' list query.</summary>
    private sealed record ListQuery([property: FromQuery(Name = "role"), Description("owner or recipient; both when absent")] string? Role);

    private static async Task<Results<Ok<SharingAgreementList>, ProblemResult>> List([AsParameters] ListQuery query, SharingAgreementReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.ListAsync(await access.CurrentAsync(ct), query.Role, ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Ok<SharingAgreementResponse>, ProblemResult>> Get(Guid id, HttpContext http, SharingAgreementReads reads, AccessScopes access, CancellationToken ct)
    {
        if ((await reads.GetAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var found)) return problem;
        http.Response.Headers.ETag = RequestBody.ETag(found.Row.Version);
        return TypedResults.Ok(found.Response);
    }

    private static async Task<Results<Ok<SharingAgreementList>, ProblemResult>> Versions(Guid id, SharingAgreementReads reads, AccessScopes access, CancellationToken ct) =>
        (await reads.VersionsAsync(await access.CurrentAsync(ct), id, ct)).Failed(out var problem, out var list) ? problem : TypedResults.Ok(list);

    private static async Task<Results<Created<SharingAgreementResponse>, ProblemResult>> Create(HttpContext http, SharingAgreementWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, writes, scope, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.CreateAsync(scope, request!, ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Created($"/api/v1/sharing-agreements/{written.Row.Id}", written.Row);
    }

    private static async Task<Results<Ok<SharingAgreementResponse>, ProblemResult>> Update(Guid id, HttpContext http, SharingAgreementWrites writes, AccessScopes access, IOptions<DataHubOptions> options, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        var (request, problem) = await ReadAsync(http, writes, scope, options.Value, ct);
        if (problem is not null) return problem;
        if ((await writes.UpdateAsync(scope, id, request!, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Ok(written.Row);
    }

    private static async Task<Results<NoContent, ProblemResult>> Revoke(Guid id, HttpContext http, SharingAgreementWrites writes, AccessScopes access, CancellationToken ct)
    {
        if ((await writes.RevokeAsync(await access.CurrentAsync(ct), id, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.NoContent();
    }

    private static async Task<(SharingAgreementRequest?, ProblemResult?)> ReadAsync(HttpContext http, SharingAgreementWrites writes, AccessScope scope, DataHubOptions options, CancellationToken ct)
    {
        var (doc, problem) = await RequestBody.ReadJsonAsync(http.Request, options.Limits, ["application/json"], ct);
        if (problem is not null) return (null, problem);
        using (doc)
            return (await writes.ReadAsync(scope, doc!.RootElement, ct)).Failed(out var invalid, out var request) ? (null, invalid) : (request, null);
    }
}
