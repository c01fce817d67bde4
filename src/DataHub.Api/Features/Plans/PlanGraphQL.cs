using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Plans;

/// <summary>The graph's plans: the same operations as REST's /plans.</summary>
public static class PlanGraphQL
{
    public static async Task<PlanList> ListAsync(IResolveFieldContext c)
    {
        return Answers.Of(await c.Service<PlanReads>().ListAsync(c.GetArgument<string?>("owner"), c.GetArgument<string?>("planType"), c.AsOf(), c.CancellationToken))!;
    }

    public static async Task<object?> GetAsync(IResolveFieldContext c) =>
        (await c.Service<PlanReads>().GetAsync(c.GetArgument<Guid>("id"), c.CancellationToken)).Value is { } row ? PlanContracts.ToResponse(row) : null;

    public static Task<MutationResult> CreateAsync(IResolveFieldContext c) => WriteAsync(c, (writes, scope, request) => writes.CreateAsync(scope, request, c.CancellationToken), 201);

    public static Task<MutationResult> UpdateAsync(IResolveFieldContext c) => WriteAsync(c, (writes, scope, request) =>
        writes.UpdateAsync(scope, c.GetArgument<Guid>("id"), request, c.GetArgument<string?>("ifMatch"), c.CancellationToken), 200);

    private static Task<MutationResult> WriteAsync(IResolveFieldContext c,
        Func<PlanWrites, AccessScope, PlanRequest, Task<Operations.Outcome<Operations.Written<Data.PlanVersion>>>> write, int status) => c.InOwnScopeAsync(async services =>
    {
        var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
        var errors = new ErrorCollector();
        var request = PlanContracts.Read(c.GetArgument<JsonElement>("input"), errors);
        if (request is null) return MutationResults.Refused(Problems.Validation(errors.Errors, "The plan is not valid").Problem);
        var written = await write(services.GetRequiredService<PlanWrites>(), scope, request);
        return written.Problem is { } problem ? MutationResults.Refused(problem)
            : MutationResults.Done(status, written.Value!.ETag, written.Value.Row.PlanId.ToString(), PlanContracts.ToResponse(written.Value.Row));
    });
}
