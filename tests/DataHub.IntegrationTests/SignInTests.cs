using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataHub.IntegrationTests;

/// <summary>
/// How the map signs in: the local identity picker and its tokens in Development (and the test environment), never in
/// Production, even when the local issuer is switched on there (a benchmark does that).
/// </summary>
public sealed class SignInOnSqlite(SqliteHub hub) : IClassFixture<SqliteHub>
{
    [Fact]
    public async Task The_picker_lists_the_demo_cast_and_its_token_signs_in_as_that_organisation()
    {
        var anonymous = hub.Client();
        var options = await (await anonymous.GetAsync("/api/v1/sign-in")).Body();
        var identities = options["local"]!["identities"]!.AsArray();
        Assert.Contains(identities, i => i!["organisation"]!.GetValue<string>() == "PV26" && i["type"]!.GetValue<string>() == "provincie");
        Assert.Null(options["entraId"]);

        var response = await anonymous.PostAsync("/api/v1/sign-in/local-token", Json("""{"organisation":"CLUSTER6","roles":["Submitter","Reader"]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Body();
        Assert.Equal("CLUSTER6", token["organisation"]!.GetValue<string>());
        Assert.Equal("Bearer", token["tokenType"]!.GetValue<string>());

        // The token works: Cluster 6 may submit (anonymous may not).
        var signedIn = hub.Client();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var feature = Features.Point(Features.Id(), props: p => { p["planType"] = "CES"; p["sector"] = "industry"; p["kind"] = "electrification"; });
        Assert.Equal(HttpStatusCode.Created, (await signedIn.PostAsync("/api/v1/developments", Http.GeoJson(feature))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/developments", Http.GeoJson(feature))).StatusCode);

        // Who the token is, as the hub maps it (what the map shows after an Entra ID sign-in, where the token has a tenant, not a code).
        var me = await (await signedIn.GetAsync("/api/v1/sign-in/me")).Body();
        Assert.Equal(("CLUSTER6", "sectorParty"), (me["organisation"]!.GetValue<string>(), me["type"]!.GetValue<string>()));
        Assert.Equal(["Reader", "Submitter"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(me["name"]!.GetValue<string>()));
        await (await anonymous.GetAsync("/api/v1/sign-in/me")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_organisation_or_role_is_400_naming_it_and_no_token()
    {
        var client = hub.Client();
        var unknownOrg = await (await client.PostAsync("/api/v1/sign-in/local-token", Json("""{"organisation":"NOPE","roles":["Reader"]}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/organisation", unknownOrg["errors"]![0]!["pointer"]!.GetValue<string>());
        var badRole = await (await client.PostAsync("/api/v1/sign-in/local-token", Json("""{"organisation":"PV26","roles":["Reader","God"]}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/roles/1", badRole["errors"]![0]!["pointer"]!.GetValue<string>());
        var noRoles = await (await client.PostAsync("/api/v1/sign-in/local-token", Json("""{"organisation":"PV26","roles":[]}"""))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("/roles", noRoles["errors"]![0]!["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_production_there_is_no_local_sign_in_even_with_the_local_issuer_on()
    {
        var dir = Directory.CreateTempSubdirectory("datahub-prod-");
        await using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("DataHub:Database:ConnectionString", $"Data Source={Path.Combine(dir.FullName, "hub.db")}");
            b.UseSetting("DataHub:Auth:LocalIssuer:Enabled", "true");
            b.UseSetting("DataHub:Auth:LocalIssuer:SigningKey", Hub.SigningKey);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var client = production.CreateClient();
        var options = await (await client.GetAsync("/api/v1/sign-in")).Body();
        Assert.Null(options["local"]);
        await (await client.PostAsync("/api/v1/sign-in/local-token", Json("""{"organisation":"PV26","roles":["HubAdmin"]}"""))).Problem(HttpStatusCode.NotFound);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { dir.Delete(true); } catch (IOException) { }
    }
}
