using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using DataHub.Api;
using DataHub.Api.Access;
using Microsoft.IdentityModel.Tokens;

namespace DataHub.IntegrationTests;

/// <summary>
/// Credentials that do not validate are 401 on every route, public ones included; only a request without credentials
/// is anonymous. Every kind of bad credential × public and protected REST routes × GraphQL queries and mutations.
/// </summary>
public abstract class FailedAuthenticationTests(Hub hub)
{
    private const string Owner = "GM0307"; // Amersfoort: no other test class of this hub writes as it

    /// <summary>Each kind of bad credential, as the Authorization header it sends.</summary>
    public static TheoryData<string> BadCredentials => new(BadHeaders.Keys);

    private static readonly Dictionary<string, Func<string>> BadHeaders = new()
    {
        ["altered signature"] = () =>
        {
            var token = Hub.Token(Owner, [Roles.Reader]);
            var last = token[^2] == 'A' ? 'B' : 'A';
            return "Bearer " + token[..^2] + last + token[^1];
        },
        ["expired"] = () => "Bearer " + Mint(DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-2)),
        ["not yet valid"] = () => "Bearer " + Mint(DateTime.UtcNow.AddHours(2), DateTime.UtcNow.AddHours(3)),
        ["wrong issuer"] = () => "Bearer " + Mint(DateTime.UtcNow, DateTime.UtcNow.AddHours(1), issuer: "https://issuer.example.org"),
        ["wrong audience"] = () => "Bearer " + Mint(DateTime.UtcNow, DateTime.UtcNow.AddHours(1), audience: "someone-else"),
        ["wrong key"] = () => "Bearer " + Mint(DateTime.UtcNow, DateTime.UtcNow.AddHours(1), key: "another-key-another-key-another-key-0123"),
        ["no organisation"] = () => "Bearer " + Authentication.MintToken(new LocalIssuerOptions { SigningKey = Hub.SigningKey }, null, [Roles.Reader]),
        ["garbage after Bearer"] = () => "Bearer not-a-token",
        ["Bearer without a token"] = () => "Bearer",
        ["a header of garbage"] = () => "garbage",
        ["unsupported scheme"] = () => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:password")),
    };

    private static string Mint(DateTime notBefore, DateTime expires, string issuer = "datahub-local", string audience = "datahub", string key = Hub.SigningKey)
    {
        var claims = new[] { new Claim("sub", "local:test"), new Claim(DataHubClaims.Organisation, Owner), new Claim(DataHubClaims.Roles, Roles.Submitter) };
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(issuer, audience, claims, notBefore, expires, credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private HttpClient ClientWith(string header)
    {
        var client = hub.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        return client;
    }

    private static async Task AssertInvalidToken(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: expected 401, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
        Assert.Matches("error_description=\"[^\"]+\"", challenge.Parameter);
        var body = await response.Problem(HttpStatusCode.Unauthorized);
        Assert.EndsWith("/invalid-token", body["type"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task A_bad_credential_is_401_on_public_and_protected_REST_routes_and_stores_nothing(string kind)
    {
        var client = ClientWith(BadHeaders[kind]());
        string[] publicReads =
        [
            "/api/v1/developments?planType=CES", "/api/v1/organisations", "/api/v1/areas?level=province",
            "/api/v1/energy-areas", "/api/v1/miek-projects", "/api/v1/changes", "/api/v1/openapi.json",
        ];
        foreach (var url in publicReads)
            await AssertInvalidToken(await client.GetAsync(url), $"{kind} GET {url}");
        await AssertInvalidToken(await client.GetAsync("/api/v1/audit-events"), $"{kind} GET audit-events");

        var externalId = Features.Id();
        await AssertInvalidToken(await client.PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(externalId))), $"{kind} POST developments");
        var stored = await hub.Client(Owner, Roles.Reader).GetAsync($"/api/v1/developments?owner={Owner}&externalId={externalId}");
        Assert.Equal(0, (await stored.Body())["numberMatched"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task A_bad_credential_is_401_on_GraphQL_queries_and_mutations(string kind)
    {
        var client = ClientWith(BadHeaders[kind]());
        var query = await client.PostAsync("/api/v1/graphql", new StringContent("""{"query":"{ organisations { totalCount } }"}""", Encoding.UTF8, "application/json"));
        await AssertInvalidToken(query, $"{kind} GraphQL query");
        var get = await client.GetAsync("/api/v1/graphql?query=" + Uri.EscapeDataString("{ me { organisation } }"));
        await AssertInvalidToken(get, $"{kind} GraphQL GET");
        var mutation = await client.PostAsync("/api/v1/graphql", new StringContent(
            """{"query":"mutation { retireDevelopment(id: \"00000000-0000-0000-0000-000000000001\", ifMatch: \"\\\"1\\\"\") { ok } }"}""",
            Encoding.UTF8, "application/json"));
        await AssertInvalidToken(mutation, $"{kind} GraphQL mutation");
    }

    [Fact]
    public async Task A_valid_token_reads_what_an_anonymous_caller_cannot_and_no_header_is_anonymous()
    {
        var externalId = Features.Id();
        var created = await hub.Client(Owner).PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(externalId, props: p => p["visibility"] = "confidential")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = $"/api/v1/developments?owner={Owner}&externalId={externalId}";

        var signedIn = await hub.Client(Owner, Roles.Reader).GetAsync(url);
        Assert.Equal(1, (await signedIn.Body())["numberMatched"]!.GetValue<int>());
        var anonymous = await hub.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(0, (await anonymous.Body())["numberMatched"]!.GetValue<int>());
        Assert.Empty(anonymous.Headers.WwwAuthenticate);
        // The same token with one character of its signature altered is refused, not served as anonymous.
        await AssertInvalidToken(await ClientWith(BadHeaders["altered signature"]()).GetAsync(url), "altered signature");
    }

    [Fact]
    public async Task An_expired_tokens_description_says_when_it_expired()
    {
        var response = await ClientWith(BadHeaders["expired"]()).GetAsync("/api/v1/organisations");
        var body = await response.Problem(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", body["detail"]!.GetValue<string>());
        Assert.Contains("expired", response.Headers.WwwAuthenticate.Single().Parameter);
    }
}

public sealed class FailedAuthenticationOnSqlite(SqliteHub hub) : FailedAuthenticationTests(hub), IClassFixture<SqliteHub>;

public sealed class FailedAuthenticationOnPostgis(PostgresHub hub) : FailedAuthenticationTests(hub), IClassFixture<PostgresHub>;
