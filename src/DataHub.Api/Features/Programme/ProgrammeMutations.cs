using DataHub.Api.GraphQL;
using GraphQL;

namespace DataHub.Api.Features.Programme;

/// <summary>The graph's writes to the pMIEK programme: the same operations as REST's, each in a scope of its own.</summary>
public static class ProgrammeMutations
{
    public static Task<MutationResult> CreateCycleAsync(IResolveFieldContext c) => c.WriteAsync<Written<ProgrammeCycleVersion>>(async (services, scope) =>
            c.Input(ProgrammeCycleContracts.Read, "The programme cycle is not valid").Failed(out var invalid, out var request) ? invalid
            : await services.GetRequiredService<ProgrammeCycleWrites>().CreateAsync(scope, request, c.CancellationToken),
        w => Cycle(w, 201));

    public static Task<MutationResult> UpdateCycleAsync(IResolveFieldContext c) => c.WriteAsync<Written<ProgrammeCycleVersion>>(async (services, scope) =>
            c.Input(ProgrammeCycleContracts.Read, "The programme cycle is not valid").Failed(out var invalid, out var request) ? invalid
            : await services.GetRequiredService<ProgrammeCycleWrites>().UpdateAsync(scope, c.GetArgument<Guid>("id"), request, c.IfMatch(), c.CancellationToken),
        w => Cycle(w, 200));

    public static Task<MutationResult> FreezeCycleAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
        services.GetRequiredService<ProgrammeCycleWrites>().FreezeAsync(scope, c.GetArgument<Guid>("id"), c.IfMatch(), c.CancellationToken), w => Cycle(w, 200));

    public static Task<MutationResult> PublishCycleAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
        services.GetRequiredService<ProgrammeCycleWrites>().PublishAsync(scope, c.GetArgument<Guid>("id"), c.IfMatch(), c.CancellationToken), w => Cycle(w, 200));

    public static Task<MutationResult> CreateProjectAsync(IResolveFieldContext c) => c.WriteAsync<Written<MiekProjectVersion>>(async (services, scope) =>
    {
        if (ProjectInput(c).Failed(out var invalid, out var request)) return invalid;
        return await services.GetRequiredService<MiekProjectWrites>().CreateAsync(scope, request, c.CancellationToken);
    }, w => MutationResults.Done(201, w.ETag, w.Row.ProjectId.ToString(), MiekProjectContracts.ToResponse(w.Row, null)));

    public static Task<MutationResult> UpdateProjectAsync(IResolveFieldContext c) => c.WriteAsync<MiekProjectResponse>(async (services, scope) =>
    {
        if (ProjectInput(c).Failed(out var invalid, out var request)) return invalid;
        var id = c.GetArgument<Guid>("id");
        if ((await services.GetRequiredService<MiekProjectWrites>().UpdateAsync(scope, id, request, c.IfMatch(), c.CancellationToken)).Failed(out var refused, out _))
            return refused;
        return await services.GetRequiredService<MiekProjectReads>().GetAsync(scope, id, null, c.CancellationToken);
    }, project => MutationResults.Done(200, Precondition.ETag(project.Version), project.Id.ToString(), project));

    public static Task<MutationResult> RetireProjectAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
            services.GetRequiredService<MiekProjectWrites>().RetireAsync(scope, c.GetArgument<Guid>("id"), c.IfMatch(), c.CancellationToken),
        w => MutationResults.Done(204, w.ETag, w.Row.ProjectId.ToString(), null));

    public static Task<MutationResult> ScoreProjectAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
            services.GetRequiredService<MiekAssessmentWrites>().ScoreAsync(scope, c.GetArgument<Guid>("id"), c.GetArgument<string>("criterion"), c.GetArgument<JsonElement>("input"),
                c.IfMatch(), c.CancellationToken),
        entry => MutationResults.Done(200, Precondition.ETag(entry.Version), c.GetArgument<string>("id"), entry));

    public static Task<MutationResult> DecideProjectAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
            services.GetRequiredService<MiekAssessmentWrites>().DecideAsync(scope, c.GetArgument<Guid>("id"), c.GetArgument<JsonElement>("input"), c.IfMatch(), c.CancellationToken),
        entry => MutationResults.Done(200, Precondition.ETag(entry.Version), c.GetArgument<string>("id"), entry));

    public static Task<MutationResult> ReportProgressAsync(IResolveFieldContext c) => c.WriteAsync((services, scope) =>
            services.GetRequiredService<MiekProgressWrites>().CreateAsync(scope, c.GetArgument<Guid>("id"), c.GetArgument<JsonElement>("input"), c.CancellationToken),
        update => MutationResults.Done(201, null, update.Id.ToString(), update));

    public static Task<MutationResult> PutFrameworkAsync(IResolveFieldContext c)
    {
        var province = c.GetArgument<string>("province");
        return c.WriteAsync<Written<WeighingFrameworkVersion>>(async (services, scope) =>
        {
            if (WeighingFrameworkWrites.MayTailor(scope, province) is { } denied) return denied;
            if (c.Input(WeighingFrameworkContracts.Read, "The framework is not valid").Failed(out var invalid, out var framework)) return invalid;
            return await services.GetRequiredService<WeighingFrameworkWrites>().PutAsync(scope, province, framework, c.IfMatch(), c.CancellationToken);
        }, w => MutationResults.Done(200, w.ETag, null, WeighingFrameworkContracts.ToResponse(province, w.Row)));
    }

    private static MutationResult Cycle(Written<ProgrammeCycleVersion> w, int status) =>
        MutationResults.Done(status, w.ETag, w.Row.CycleId.ToString(), ProgrammeCycleContracts.ToResponse(w.Row));

    /// <summary>The project input, read as REST reads its body (geometry in contentCrs).</summary>
    private static Outcome<MiekProjectRequest> ProjectInput(IResolveFieldContext c) =>
        c.ContentCrs().Failed(out var crsProblem, out var crs) ? crsProblem
        : c.Input((e, errors) => MiekProjectContracts.Read(e, crs, errors), "The project is not valid");
}
