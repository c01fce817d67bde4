namespace DataHub.Api.Features.Programme;

/// <summary>The weighing frameworks' REST edge; the behaviour is <see cref="WeighingFrameworkReads"/> and <see cref="WeighingFrameworkWrites"/>.</summary>
public static class WeighingFrameworkEndpoints
{
    public static RouteGroupBuilder MapWeighingFrameworks(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/weighing-frameworks").WithTags("Programme");
        g.MapGet("/default", () => TypedResults.Ok(WeighingFrameworkContracts.Default)).WithName("getDefaultWeighingFramework")
            .WithSummary("The default weighing framework: criteria A–H with their scales and who scores them");
        g.MapGet("/{province}", Get).WithName("getProvinceWeighingFramework")
            .WithSummary("The framework a province weighs its pMIEK with: its own, or the default").WithProblems(400, 404);
        g.MapPut("/{province}", Put).WithName("putProvinceWeighingFramework").RequireGate(RoleGates.ProgrammeCoordinator)
            .WithSummary("Tailor the province's framework (its ProgrammeCoordinator; If-Match when replacing)")
            .Accepts<WeighingFramework>("application/json").WithHeader("If-Match", "the ETag of the framework being replaced")
            .WithProblems(400, 401, 403, 404, 412, 413, 415, 428);
        return api;
    }

    private static async Task<Results<Ok<ProvinceFramework>, ProblemResult>> Get(string province, HttpContext http, WeighingFrameworkReads reads, CancellationToken ct)
    {
        if ((await reads.GetAsync(province, ct)).Failed(out var problem, out var framework)) return problem;
        if (framework.Version is { } version) http.Response.Headers.ETag = RequestBody.ETag(version);
        return TypedResults.Ok(framework);
    }

    private static async Task<Results<Ok<ProvinceFramework>, ProblemResult>> Put(string province, HttpContext http, WeighingFrameworkWrites writes, AccessScopes access, IOptions<DataHubOptions> options,
        CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (WeighingFrameworkWrites.MayTailor(scope, province) is { } denied) return denied; // before the body is read
        var (framework, problem) = await RequestBody.ReadValidAsync(http.Request, options.Value.Limits, WeighingFrameworkContracts.Read, "The framework is not valid", ct);
        if (problem is not null) return problem;
        if ((await writes.PutAsync(scope, province, framework!, http.Request.Headers.IfMatch.ToString(), ct)).Failed(out var refused, out var written)) return refused;
        http.Response.Headers.ETag = written.ETag;
        return TypedResults.Ok(WeighingFrameworkContracts.ToResponse(province, written.Row));
    }
}
