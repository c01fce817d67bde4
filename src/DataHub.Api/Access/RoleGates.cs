using DataHub.Api.Features.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DataHub.Api.Access;

/// <summary>
/// A role gate: who may call an operation at all, from the caller's organisation type and roles. Which record the
/// caller may change (its own plan, its province's cycle) is not a gate: that stays in the operation, which knows the
/// record. A gate is one definition enforced in two places: as an ASP.NET Core authorization policy on REST routes
/// (before a body is read), and by the operation itself (<see cref="Check"/>), so GraphQL and every other surface
/// meet the same gate.
/// </summary>
/// <param name="Name">The policy name.</param>
/// <param name="Allows">Whether a signed-in caller passes.</param>
/// <param name="Refusal">The 403 detail for a signed-in caller that does not pass.</param>
/// <param name="SignIn">The 401 detail for an anonymous caller.</param>
public sealed record RoleGate(string Name, Func<AccessScope, bool> Allows, string Refusal, string SignIn)
{
    /// <summary>Null when the caller passes; else 401 (no token) or 403 (not this role or organisation type).</summary>
    public ProblemResult? Check(AccessScope scope) =>
        scope.Organisation is null ? Problems.Unauthorized(SignIn) : Allows(scope) ? null : Problems.Forbidden(Refusal);
}

/// <summary>The hub's role gates (api-docs/access.md), registered as authorization policies by <see cref="AddRoleGates"/>.</summary>
public static class RoleGates
{
    private const string Token = "This requires a bearer token; see README (token command).";

    public static readonly RoleGate SignedIn = new(nameof(SignedIn), _ => true, "", "This is answered for a signed-in organisation; send a bearer token.");

    /// <summary>Submitting developments, plans and imports: a Submitter of any registered organisation.</summary>
    public static readonly RoleGate Submitter = new(nameof(Submitter), s => s.Caller.Has(Roles.Submitter), "Writing requires the Submitter role.", Token);

    /// <summary>Grid data (capacity maps, energy areas, stations): a grid operator's Submitters, for their own grid.</summary>
    public static readonly RoleGate GridSubmitter = new(nameof(GridSubmitter),
        s => s.OrganisationType == OrganisationTypes.Netbeheerder && s.Caller.Has(Roles.Submitter),
        "Grid data is delivered by a grid operator's Submitters, for their own grid.", "Importing requires a bearer token.");

    /// <summary>Running a programme cycle and tailoring a framework: a ProgrammeCoordinator (whose cycle or province: the operation decides).</summary>
    public static readonly RoleGate ProgrammeCoordinator = new(nameof(ProgrammeCoordinator), s => s.Caller.Has(Roles.ProgrammeCoordinator),
        "This requires the ProgrammeCoordinator role.", "Programme cycles are run by a signed-in organisation.");

    /// <summary>Adding a (p)MIEK project: a province's ProgrammeCoordinator, or a grid operator's Submitter proposing one.</summary>
    public static readonly RoleGate ProjectSubmitter = new(nameof(ProjectSubmitter),
        s => (s.OrganisationType == OrganisationTypes.Provincie && s.Caller.Has(Roles.ProgrammeCoordinator))
            || (s.OrganisationType == OrganisationTypes.Netbeheerder && s.Caller.Has(Roles.Submitter)),
        "A province's ProgrammeCoordinator adds projects; a grid operator's Submitter may propose them.", "Projects are added by a signed-in organisation.");

    /// <summary>Signing sharing agreements: the data owner's OrgAdmin.</summary>
    public static readonly RoleGate OrgAdmin = new(nameof(OrgAdmin), s => s.Caller.Has(Roles.OrgAdmin),
        "Sharing agreements are signed by the data owner's OrgAdmin.", "Signing a sharing agreement requires a bearer token.");

    /// <summary>The audit trail: an OrgAdmin (its own organisation's data) or a HubAdmin (all).</summary>
    public static readonly RoleGate Auditor = new(nameof(Auditor), s => s.Caller.Has(Roles.OrgAdmin) || s.Caller.Has(Roles.HubAdmin),
        "The audit trail is read by an OrgAdmin (its own organisation's data) or a HubAdmin.", "The audit trail requires a bearer token.");

    public static readonly RoleGate[] All = [SignedIn, Submitter, GridSubmitter, ProgrammeCoordinator, ProjectSubmitter, OrgAdmin, Auditor];

    /// <summary>Each gate as the policy of its name, and its refusals as problem details (401 or 403, with the gate's detail).</summary>
    public static IServiceCollection AddRoleGates(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder();
        foreach (var gate in All) authorization.AddPolicy(gate.Name, p => p.AddRequirements(new Requirement(gate)));
        services.AddScoped<IAuthorizationHandler, Handler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, Refusals>();
        return services;
    }

    /// <summary>Requires the gate on these routes: a caller that does not pass gets its problem before the handler runs.</summary>
    public static TBuilder RequireGate<TBuilder>(this TBuilder builder, RoleGate gate) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(gate.Name);

    private sealed record Requirement(RoleGate Gate) : IAuthorizationRequirement;

    private sealed class Handler(AccessScopes scopes) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var ct = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
            if (requirement.Gate.Check(await scopes.CurrentAsync(ct)) is null) context.Succeed(requirement);
        }
    }

    /// <summary>A refused gate answers as the operation would: problem+json naming the gate's reason (not an empty 401/403).</summary>
    private sealed class Refusals : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            var gate = policy.Requirements.OfType<Requirement>().FirstOrDefault()?.Gate;
            if (result.Succeeded || gate is null)
            {
                await _default.HandleAsync(next, http, policy, result);
                return;
            }
            var scope = await http.RequestServices.GetRequiredService<AccessScopes>().CurrentAsync(http.RequestAborted);
            await (gate.Check(scope) ?? Problems.Forbidden(gate.Refusal)).ExecuteAsync(http);
        }
    }
}
