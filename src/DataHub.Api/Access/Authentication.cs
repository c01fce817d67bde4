using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DataHub.Api.Access;

public static class Authentication
{
    /// <summary>
    /// Bearer authentication. The local issuer (HMAC key from configuration) is on in Development and off elsewhere
    /// unless DataHub:Auth:LocalIssuer:Enabled is set explicitly. Entra ID joins in the access issue, mapped onto
    /// the same claims (org, roles), so everything after authentication has one code path.
    /// </summary>
    public static IServiceCollection AddDataHubAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var local = LocalIssuer(configuration, env);
        var auth = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        auth.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = local is null
                ? new TokenValidationParameters { ValidateIssuerSigningKey = true, IssuerSigningKeys = [] }
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
        services.AddAuthorization();
        return services;
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

    /// <summary>Mints a token as an Entra token would look after mapping: subject, organisation and app roles.</summary>
    public static string MintToken(LocalIssuerOptions issuer, string organisation, IEnumerable<string> roles, string? subject = null, DateTime? now = null)
    {
        var claims = new List<Claim>
        {
            new("sub", subject ?? $"local:{organisation.ToLowerInvariant()}"),
            new(DataHubClaims.Organisation, organisation),
        };
        claims.AddRange(roles.Select(r => new Claim(DataHubClaims.Roles, r)));
        var issued = now ?? DateTime.UtcNow;
        var token = new JwtSecurityToken(issuer.Issuer, issuer.Audience, claims, issued, issued.AddHours(issuer.TokenLifetimeHours),
            new SigningCredentials(Key(issuer.SigningKey!), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
