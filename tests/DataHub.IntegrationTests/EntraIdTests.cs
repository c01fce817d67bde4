using DataHub.Api;
using DataHub.Api.Access;

namespace DataHub.IntegrationTests;

/// <summary>With Entra ID configured, tokens go to the scheme of their issuer; local tokens keep working beside it.</summary>
public sealed class EntraIdTests(EntraIdTests.EntraHub hub) : IClassFixture<EntraIdTests.EntraHub>
{
    public sealed class EntraHub : Hub
    {
        public override Database Database => Database.Sqlite;
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataHub:Auth:EntraId:Instance"] = "https://login.microsoftonline.com/",
            ["DataHub:Auth:EntraId:TenantId"] = "organizations",
            ["DataHub:Auth:EntraId:ClientId"] = "3c1c1c55-5f0e-4c53-9d43-2a9a4b8f7e10",
        };
    }

    [Fact]
    public async Task A_local_token_still_signs_in_and_a_foreign_issuers_token_is_401()
    {
        var created = await hub.Client("GM0344").PostAsync("/api/v1/developments", Http.GeoJson(Features.Point(Features.Id())));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // A token that claims to come from Entra ID but is signed with a key Entra never published.
        var forged = Authentication.MintToken(new LocalIssuerOptions
        {
            SigningKey = "forged-key-forged-key-forged-key-0123456789",
            Issuer = "https://login.microsoftonline.com/8f2f6c3e-0d4b-4f8e-9a51-3c7b2e1d9a44/v2.0",
            Audience = "3c1c1c55-5f0e-4c53-9d43-2a9a4b8f7e10",
        }, "GM0344", ["HubAdmin"]);
        var client = hub.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        await (await client.GetAsync("/api/v1/audit-events")).Problem(HttpStatusCode.Unauthorized);
    }
}
