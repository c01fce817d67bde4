using System.Web;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// Sign-in with Entra ID as the map does it in production: MSAL in the browser, a public client with PKCE, by
/// redirect, with no secret. Microsoft's endpoints are answered by the test (these machines are offline): the
/// instance discovery and the OpenID configuration as Entra ID serves them, and the authorize request is caught.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntraSignInTests(BrowserHub hub)
{
    [Fact]
    public async Task Signing_in_redirects_to_Entra_ID_with_the_hubs_client_id_PKCE_and_no_secret()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var (page, problems) = await MapPage.OpenAsync(hub, "#jaar=2031&weergave=pmiek");
        Assert.True(await page.IsVisibleAsync("#entra-inloggen"));
        Assert.True(await page.IsHiddenAsync("#entra-uitloggen")); // nobody signed in through Entra ID yet

        string? authorize = null;
        const string login = "https://login.microsoftonline.com";
        var cors = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        await page.Context.RouteAsync(login + "/**", async route =>
        {
            var url = route.Request.Url;
            if (url.Contains("/discovery/instance"))
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Headers = cors, Body = $$"""
                    {"tenant_discovery_endpoint":"{{login}}/organizations/v2.0/.well-known/openid-configuration","api-version":"1.1",
                     "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net",
                     "aliases":["login.microsoftonline.com","login.windows.net","login.microsoft.com","sts.windows.net"]}]}
                    """ });
            else if (url.Contains("/.well-known/openid-configuration"))
                await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Headers = cors, Body = $$"""
                    {"authorization_endpoint":"{{login}}/organizations/oauth2/v2.0/authorize","token_endpoint":"{{login}}/organizations/oauth2/v2.0/token",
                     "end_session_endpoint":"{{login}}/organizations/oauth2/v2.0/logout","issuer":"{{login}}/{tenantid}/v2.0",
                     "jwks_uri":"{{login}}/organizations/discovery/v2.0/keys","response_modes_supported":["query","fragment","form_post"]}
                    """ });
            else
            {
                authorize = url;
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Entra ID</title>" });
            }
        });
        await page.ClickAsync("#entra-inloggen");
        await page.WaitForURLAsync(login + "/**");
        Assert.NotNull(authorize);
        Assert.StartsWith($"{login}/organizations/oauth2/v2.0/authorize?", authorize);
        var query = HttpUtility.ParseQueryString(new Uri(authorize!).Query);
        Assert.Equal(BrowserHub.EntraClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(hub.BaseUrl + "/", query["redirect_uri"]);
        Assert.Contains($"api://{BrowserHub.EntraClientId}/.default", query["scope"]);
        Assert.Null(query["client_secret"]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }
}
