namespace DataHub.Api.Features.SignIn;

/// <summary>A demo identity the map's sign-in picker offers: an organisation and the roles it signs in with.</summary>
public sealed record DemoIdentity(string Organisation, string Name, string Type, IReadOnlyList<string> Roles, string Description);

/// <summary>How a browser signs in to this hub: the local picker (Development only) and/or Entra ID.</summary>
public sealed record SignInOptions(LocalSignIn? Local, EntraSignIn? EntraId);

public sealed record LocalSignIn(IReadOnlyList<DemoIdentity> Identities, IReadOnlyList<string> Roles);

/// <summary>The public settings of the hub's Entra ID app registration (no secret: the browser uses PKCE).</summary>
public sealed record EntraSignIn(string ClientId, string Authority, IReadOnlyList<string> Scopes);

public sealed record LocalTokenRequest(string? Organisation, IReadOnlyList<string>? Roles);

public sealed record LocalToken(string AccessToken, string TokenType, int ExpiresIn, string Organisation, IReadOnlyList<string> Roles);

/// <summary>Who the caller is, as the hub sees it after authentication (from either issuer).</summary>
public sealed record SignedIn(string Organisation, string? Name, string? Type, IReadOnlyList<string> Roles);

/// <summary>
/// Sign-in for the map. In Development (and in the test environment) the local issuer mints a token for a chosen
/// organisation and roles, so that a newcomer can look at the demo as a province, a municipality or a grid operator
/// without an identity provider. Everywhere else the local sign-in answers 404 (also when the local issuer is switched on
/// for a benchmark or a smoke test in Production): a hub in production never hands out tokens over HTTP.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>The demo's cast: who does what in the Utrecht demo (README).</summary>
    private static readonly (string Organisation, string[] Roles, string Description)[] Cast =
    [
        ("PV26", [Roles.Reader, Roles.ProgrammeCoordinator], "Provincie: knelpunten, pMIEK-ronde en wegingskader"),
        ("GM0344", [Roles.Reader, Roles.Submitter], "Gemeente: woningbouw en bedrijventerreinen aanleveren"),
        ("GM0355", [Roles.Reader], "Gemeente die alleen leest"),
        ("STEDIN", [Roles.Reader, Roles.Submitter], "Netbeheerder: capaciteitskaart, stations en werken"),
        ("CLUSTER6", [Roles.Reader, Roles.Submitter, Roles.OrgAdmin], "Sectorpartij: vertrouwelijke CES-gegevens"),
        ("KGG", [Roles.Reader, Roles.NationalIngest], "Rijk: alle pMIEK-rondes voor het MIEK"),
    ];

    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sign-in").WithTags("Sign-in");
        g.MapGet("", Options).WithName("getSignInOptions")
            .WithSummary("How a browser signs in here: the local identity picker (Development only) and/or Entra ID (public client settings)")
            .WithProblems(400);
        g.MapGet("/me", Me).WithName("getSignedIn")
            .WithSummary("Who the caller's token says it is, as the hub maps it: organisation (an Entra ID tenant's, or the local issuer's), its name and type, and roles")
            .WithProblems(400, 401);
        g.MapPost("/local-token", Token).WithName("createLocalToken")
            .WithSummary("Development only: a token of the local issuer for a registered organisation and roles (404 elsewhere)")
            .Accepts<LocalTokenRequest>("application/json")
            .WithProblems(400, 404, 415);
        return api;
    }

    private static bool LocalAvailable(IHostEnvironment env, IConfiguration configuration) =>
        (env.IsDevelopment() || env.IsEnvironment("Testing")) && Authentication.LocalIssuer(configuration, env) is not null;

    public static async Task<Results<Ok<SignedIn>, ProblemResult>> Me(AccessScopes access, DataHubDb db, CancellationToken ct)
    {
        var scope = await access.CurrentAsync(ct);
        if (scope.Organisation is null) return Problems.Unauthorized("Sign in first: send a bearer token.");
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == scope.Organisation, ct);
        return TypedResults.Ok(new SignedIn(scope.Organisation, organisation?.Name, scope.OrganisationType, scope.Caller.Roles.Order().ToList()));
    }

    public static async Task<Ok<SignInOptions>> Options(IHostEnvironment env, IConfiguration configuration, DataHubDb db, CancellationToken ct)
    {
        LocalSignIn? local = null;
        if (LocalAvailable(env, configuration))
        {
            var codes = Cast.Select(c => c.Organisation).ToArray();
            var organisations = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, ct);
            local = new LocalSignIn(
                [.. Cast.Where(c => organisations.ContainsKey(c.Organisation))
                    .Select(c => new DemoIdentity(c.Organisation, organisations[c.Organisation].Name, organisations[c.Organisation].Type, c.Roles, c.Description))],
                Roles.All);
        }
        var entra = configuration.GetSection("DataHub:Auth:EntraId");
        EntraSignIn? entraId = entra["ClientId"] is { Length: > 0 } clientId
            ? new EntraSignIn(clientId, entra["Authority"] ?? $"{entra["Instance"] ?? "https://login.microsoftonline.com/"}{entra["TenantId"] ?? "organizations"}",
                entra.GetSection("Scopes").Get<string[]>() ?? [$"api://{clientId}/.default"])
            : null;
        return TypedResults.Ok(new SignInOptions(local, entraId));
    }

    public static async Task<Results<Ok<LocalToken>, ProblemResult>> Token(HttpContext http, IHostEnvironment env, IConfiguration configuration, DataHubDb db,
        Microsoft.Extensions.Options.IOptions<DataHubOptions> options, CancellationToken ct)
    {
        if (!LocalAvailable(env, configuration))
            return Problems.NotFound("Local sign-in is only available on a hub in Development; sign in with Entra ID.");
        var (request, problem) = await RequestBody.ReadValidAsync(http.Request, options.Value.Limits, Read, "The sign-in is not valid", ct);
        if (problem is not null) return problem;
        var organisation = request!.Organisation!;
        var roles = request.Roles!.Distinct().ToList();
        if (!await db.Organisations.AnyAsync(o => o.Code == organisation, ct))
            return Problems.Validation([new FieldError("/organisation", "unknownCode", $"'{organisation}' is not a registered organisation")], "The sign-in is not valid");
        var issuer = Authentication.LocalIssuer(configuration, env)!;
        var token = Authentication.MintToken(issuer, organisation, roles);
        return TypedResults.Ok(new LocalToken(token, "Bearer", issuer.TokenLifetimeHours * 3600, organisation, roles));
    }

    /// <summary>{ "organisation": "PV26", "roles": ["Reader"] }: a code and at least one known role.</summary>
    private static LocalTokenRequest? Read(System.Text.Json.JsonElement body, ErrorCollector errors)
    {
        if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            errors.Add("", "invalidType", "the body is an object: { \"organisation\": \"PV26\", \"roles\": [\"Reader\"] }");
            return null;
        }
        string? organisation = null;
        if (body.TryGetProperty("organisation", out var o) && o.ValueKind == System.Text.Json.JsonValueKind.String && o.GetString()!.Trim() is { Length: > 0 and <= 32 } code)
            organisation = code;
        else errors.Add("/organisation", "required", "organisation is an organisation code (e.g. PV26), at most 32 characters");
        var roles = new List<string>();
        if (body.TryGetProperty("roles", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.Array && r.GetArrayLength() > 0)
        {
            var i = 0;
            foreach (var role in r.EnumerateArray())
            {
                if (role.ValueKind == System.Text.Json.JsonValueKind.String && Array.IndexOf(Roles.All, role.GetString()) >= 0) roles.Add(role.GetString()!);
                else errors.Add($"/roles/{i}", "unknownCode", $"a role is one of {string.Join(", ", Roles.All)}");
                i++;
            }
        }
        else errors.Add("/roles", "required", $"roles is a non-empty array of {string.Join(", ", Roles.All)}");
        return errors.HasErrors ? null : new LocalTokenRequest(organisation, roles);
    }
}
