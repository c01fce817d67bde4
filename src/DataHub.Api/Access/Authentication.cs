using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace DataHub.Api.Access;

public static class Authentication
{
    public const string LocalScheme = "Local";
    public const string EntraScheme = "EntraId";
    private const string SelectorScheme = "DataHub";

    /// <summary>
    /// Bearer authentication by two issuers, one code path after it:
    /// - Entra ID (production): a multi-tenant web API through Microsoft.Identity.Web, on when DataHub:Auth:EntraId:ClientId
    ///   is set; each organisation signs in from its own tenant and <see cref="OrganisationClaims"/> maps the token's
    ///   tenant (tid) to the registered organisation;
    /// - the local issuer (development and tests; HMAC key from configuration), on in Development and off elsewhere unless
    ///   DataHub:Auth:LocalIssuer:Enabled is set. Its tokens carry org and roles as an Entra token does after mapping.
    /// A token goes to the scheme whose issuer it names.
    /// </summary>
    public static IServiceCollection AddDataHubAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var local = LocalIssuer(configuration, env);
        var entra = configuration.GetSection("DataHub:Auth:EntraId");
        var entraOn = !string.IsNullOrEmpty(entra["ClientId"]);
        var auth = services.AddAuthentication(SelectorScheme);
        auth.AddPolicyScheme(SelectorScheme, "local issuer or Entra ID", o => o.ForwardDefaultSelector = http =>
            entraOn && (local is null || IssuerOf(http) != local.Issuer) ? EntraScheme : LocalScheme);
        auth.AddJwtBearer(LocalScheme, o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = local is null
                ? new TokenValidationParameters { ValidateIssuerSigningKey = true, IssuerSigningKeys = [] } // rejects every token
                : new TokenValidationParameters
                {
                    ValidIssuer = local.Issuer,
                    ValidAudience = local.Audience,
                    IssuerSigningKey = Key(local.SigningKey!),
                    RoleClaimType = DataHubClaims.Roles,
                    NameClaimType = "name",
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
        });
        if (entraOn)
            auth.AddMicrosoftIdentityWebApi(o =>
            {
                entra.Bind(o);
                o.MapInboundClaims = false;
                o.TokenValidationParameters.RoleClaimType = DataHubClaims.Roles;
            }, o =>
            {
                entra.Bind(o);
                // The public cloud and any organisation's tenant unless configured otherwise (as GET /sign-in tells the map).
                if (string.IsNullOrEmpty(o.Instance)) o.Instance = "https://login.microsoftonline.com/";
                if (string.IsNullOrEmpty(o.TenantId)) o.TenantId = "organizations";
            }, EntraScheme);
        services.AddTransient<IClaimsTransformation, OrganisationClaims>();
        services.AddRoleGates();
        return services;
    }

    /// <summary>The issuer a bearer token names, read without validating it (validation is the chosen scheme's job).</summary>
    private static string? IssuerOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var handler = new JwtSecurityTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        return handler.CanReadToken(token) ? handler.ReadJwtToken(token).Issuer : null;
    }

    /// <summary>The local issuer's settings when it is enabled in this environment, else null.</summary>
    public static LocalIssuerOptions? LocalIssuer(IConfiguration configuration, IHostEnvironment env)
    {
        var options = configuration.GetSection("DataHub:Auth:LocalIssuer").Get<LocalIssuerOptions>() ?? new LocalIssuerOptions();
        var enabled = options.Enabled ?? env.IsDevelopment() || env.IsEnvironment("Testing");
        if (!enabled) return null;
        if (string.IsNullOrEmpty(options.SigningKey) || Encoding.UTF8.GetByteCount(options.SigningKey) < 32)
            throw new InvalidOperationException("DataHub:Auth:LocalIssuer:SigningKey must be at least 32 bytes when the local issuer is enabled.");
        return options;
    }

    private static SymmetricSecurityKey Key(string secret) => new(Encoding.UTF8.GetBytes(secret));

    /// <summary>Mints a token as an Entra token looks after mapping: subject, organisation and app roles (and a tenant, when given).</summary>
    public static string MintToken(LocalIssuerOptions issuer, string? organisation, IEnumerable<string> roles, string? subject = null,
        DateTime? now = null, string? tenantId = null)
    {
        var claims = new List<Claim> { new("sub", subject ?? $"local:{(organisation ?? tenantId ?? "anyone").ToLowerInvariant()}") };
        if (organisation is not null) claims.Add(new(DataHubClaims.Organisation, organisation));
        if (tenantId is not null) claims.Add(new(DataHubClaims.TenantId, tenantId));
        claims.AddRange(roles.Select(r => new Claim(DataHubClaims.Roles, r)));
        var issued = now ?? DateTime.UtcNow;
        var token = new JwtSecurityToken(issuer.Issuer, issuer.Audience, claims, issued, issued.AddHours(issuer.TokenLifetimeHours),
            new SigningCredentials(Key(issuer.SigningKey!), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>
    /// A request that carries credentials which do not validate is refused with 401 on every route, public ones included:
    /// only a request without credentials is anonymous (an expired token must never read as "no token" and return a short
    /// list). Bad signature, expired, not yet valid, wrong issuer or audience, a malformed header, an unsupported scheme, and
    /// a valid token that names no organisation and no tenant all answer 401 with WWW-Authenticate error="invalid_token".
    /// </summary>
    public static IApplicationBuilder UseFailedCredentialRefusal(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Headers.TryGetValue("Authorization", out var header))
        {
            await next();
            return;
        }
        var why = await WhyInvalidAsync(http, header.ToString());
        if (why is null)
        {
            await next();
            return;
        }
        http.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{why}\"";
        await Problems.InvalidCredentials(why).ExecuteAsync(http);
    });

    /// <summary>Why the request's credentials do not validate, or null when they do (a header-safe sentence, no quotes).</summary>
    private static async Task<string?> WhyInvalidAsync(HttpContext http, string header)
    {
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return "The Authorization header is empty.";
        if (!parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return "Only the Bearer scheme is supported.";
        if (parts.Length < 2) return "The Authorization header has no token after Bearer.";
        var result = await http.AuthenticateAsync(); // the default scheme's result, computed once per request
        if (!result.Succeeded)
            return result.Failure switch
            {
                SecurityTokenExpiredException e => $"The token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}.",
                SecurityTokenNotYetValidException e => $"The token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ}.",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature does not validate.",
                SecurityTokenInvalidIssuerException => "The token's issuer is not accepted by this hub.",
                SecurityTokenInvalidAudienceException => "The token's audience is not this hub.",
                SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
                null => "The bearer token is not a well-formed JWT.",
                _ => "The bearer token does not validate.",
            };
        var user = result.Principal;
        if (user.FindFirst(DataHubClaims.Organisation) is null && user.FindFirst(DataHubClaims.UnknownTenant) is null)
            return "The token names no organisation and no tenant.";
        return null;
    }

    /// <summary>A signed-in caller whose tenant is not registered gets 403 on every request, before any endpoint runs.</summary>
    public static IApplicationBuilder UseUnknownTenantRefusal(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.FindFirst(DataHubClaims.UnknownTenant) is { } tenant)
        {
            await new ProblemResult(new Problem("https://datahub.example.nl/problems/unknown-tenant", "Forbidden", 403,
                $"Tenant {tenant.Value} is not registered with DataHub; ask a HubAdmin to register your organisation's tenant.")).ExecuteAsync(http);
            return;
        }
        await next();
    });
}

/// <summary>
/// After authentication, by either issuer: a token that names a tenant (tid) but no organisation gets the organisation
/// registered for that tenant (org claim), or is marked as from an unknown tenant (refused with 403).
/// </summary>
public sealed class OrganisationClaims(DataHubDb db) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity) return principal;
        if (identity.HasClaim(c => c.Type is DataHubClaims.Organisation or DataHubClaims.UnknownTenant)) return principal;
        var tenant = principal.FindFirstValue(DataHubClaims.TenantId) ?? principal.FindFirstValue(ClaimConstants.TenantId);
        if (tenant is null) return principal;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.TenantId == tenant).Select(o => o.Code).FirstOrDefaultAsync();
        identity.AddClaim(organisation is null
            ? new Claim(DataHubClaims.UnknownTenant, tenant)
            : new Claim(DataHubClaims.Organisation, organisation));
        return principal;
    }
}
