using System.Security.Claims;

namespace DataHub.Api.Access;

/// <summary>The roles of the access model (api-docs/access.md).</summary>
public static class Roles
{
    public const string Reader = "Reader";
    public const string Submitter = "Submitter";
    public const string OrgAdmin = "OrgAdmin";
    public const string ProgrammeCoordinator = "ProgrammeCoordinator";
    public const string NationalIngest = "NationalIngest";
    public const string HubAdmin = "HubAdmin";
    public static readonly string[] All = [Reader, Submitter, OrgAdmin, ProgrammeCoordinator, NationalIngest, HubAdmin];
}

/// <summary>Claim names after authentication; the local issuer writes them, Entra tokens are mapped onto them.</summary>
public static class DataHubClaims
{
    public const string Organisation = "org";
    public const string Roles = "roles";
    /// <summary>Entra ID's tenant id claim.</summary>
    public const string TenantId = "tid";
    /// <summary>Set by <c>OrganisationClaims</c> when a token's tenant is not registered.</summary>
    public const string UnknownTenant = "datahub_unknown_tenant";
}

/// <summary>Who is asking: the organisation and roles every access decision is made from. Anonymous callers have no organisation.</summary>
public sealed record Caller(string? Organisation, IReadOnlySet<string> Roles, string Subject)
{
    public static readonly Caller Anonymous = new(null, new HashSet<string>(), "anonymous");

    public bool IsAuthenticated => Organisation is not null;
    public bool Has(string role) => Roles.Contains(role);

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        var org = user.FindFirstValue(DataHubClaims.Organisation);
        if (string.IsNullOrEmpty(org)) return Anonymous;
        var roles = user.FindAll(DataHubClaims.Roles).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet();
        var subject = user.FindFirstValue("oid") ?? user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? org;
        return new Caller(org, roles, subject);
    }
}
