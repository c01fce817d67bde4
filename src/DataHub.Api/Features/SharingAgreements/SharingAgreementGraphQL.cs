using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.SharingAgreements;

/// <summary>The graph's sharing agreements: the same operations as REST's /sharing-agreements.</summary>
public static class SharingAgreementGraphQL
{
    public static async Task<SharingAgreementList> ListAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<SharingAgreementReads>().ListAsync(await ScopeAsync(c), c.GetArgument<string?>("role"), c.CancellationToken))!;

    public static async Task<object?> GetAsync(IResolveFieldContext c)
    {
        var found = await c.Service<SharingAgreementReads>().GetAsync(await ScopeAsync(c), c.GetArgument<Guid>("id"), c.CancellationToken);
        return found.Problem is { } p ? Answers.Of<object>(p, nullWhenNotFound: true) : found.Value.Response;
    }

    public static async Task<object?> VersionsAsync(IResolveFieldContext c) =>
        Answers.Of(await c.Service<SharingAgreementReads>().VersionsAsync(await ScopeAsync(c), c.GetArgument<Guid>("id"), c.CancellationToken), nullWhenNotFound: true);

    public static Task<MutationResult> CreateAsync(IResolveFieldContext c) => WriteAsync(c, 201, async (writes, scope, request) =>
        await writes.CreateAsync(scope, request!, c.CancellationToken));

    public static Task<MutationResult> UpdateAsync(IResolveFieldContext c) => WriteAsync(c, 200, async (writes, scope, request) =>
        await writes.UpdateAsync(scope, c.GetArgument<Guid>("id"), request!, c.GetArgument<string?>("ifMatch"), c.CancellationToken));

    public static Task<MutationResult> RevokeAsync(IResolveFieldContext c) => WriteAsync(c, 204, async (writes, scope, _) =>
        await writes.RevokeAsync(scope, c.GetArgument<Guid>("id"), c.GetArgument<string?>("ifMatch"), c.CancellationToken), readsInput: false);

    private static Task<MutationResult> WriteAsync(IResolveFieldContext c, int status,
        Func<SharingAgreementWrites, AccessScope, SharingAgreementRequest?, Task<Outcome<Written<SharingAgreementResponse>>>> write, bool readsInput = true) =>
        c.InOwnScopeAsync(async services =>
        {
            var scope = await services.GetRequiredService<AccessScopes>().CurrentAsync(c.CancellationToken);
            var writes = services.GetRequiredService<SharingAgreementWrites>();
            SharingAgreementRequest? request = null;
            if (readsInput)
            {
                var read = await writes.ReadAsync(scope, c.GetArgument<JsonElement>("input"), c.CancellationToken);
                if (read.Problem is { } invalid) return MutationResults.Refused(invalid);
                request = read.Value;
            }
            var written = await write(writes, scope, request);
            if (written.Problem is { } problem) return MutationResults.Refused(problem);
            var w = written.Value!;
            return MutationResults.Done(status, w.ETag, w.Row.Id.ToString(), status == 204 ? null : w.Row);
        });

    private static Task<AccessScope> ScopeAsync(IResolveFieldContext c) => c.Service<AccessScopes>().CurrentAsync(c.CancellationToken);
}
