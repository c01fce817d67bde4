using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataHub.BrowserTests;

/// <summary>
/// The API docs page (/api/v1/docs) renders Swagger UI in a real headless Chromium under its own content security
/// policy: every operation listed, no CSP violation or other console error, no serious or critical axe finding, on a
/// desktop screen and a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocsPageTests(BrowserHub hub)
{
    public static TheoryData<int, int> Screens => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_docs_page_lists_every_operation_without_console_errors_or_serious_accessibility_faults(int width, int height)
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var page = await hub.Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} {r.Failure}");

        var response = await page.GotoAsync(hub.BaseUrl + "/api/v1/docs/index.html", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.NotNull(response);
        var csp = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(csp);
        Assert.DoesNotContain("http", csp); // no third-party host is allowed
        await page.WaitForSelectorAsync(".opblock-summary", new PageWaitForSelectorOptions { Timeout = 30_000 });

        // Every operation of the OpenAPI document is listed on the page (by its path and method).
        var openApi = JsonNode.Parse(await (await page.APIRequest.GetAsync(hub.BaseUrl + "/api/v1/openapi.json")).TextAsync())!;
        var expected = openApi["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).ToHashSet();
        var listed = (await page.Locator(".opblock-summary").EvaluateAllAsync<string[]>(
                "els => els.map(e => e.querySelector('.opblock-summary-method').textContent.trim() + ' ' + e.querySelector('.opblock-summary-path').getAttribute('data-path'))"))
            .ToHashSet();
        Assert.True(expected.Count > 50, $"only {expected.Count} operations in the OpenAPI document");
        Assert.Empty(expected.Except(listed));

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} ×{v.Nodes.Length}: " + string.Join(" | ", v.Nodes.Take(40).Select(n => n.Target + " " + n.Html))).ToList();
        Assert.True(serious.Count == 0 && problems.Count == 0, string.Join("\n", serious.Concat(problems)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Every_other_response_keeps_the_strict_policy()
    {
        Assert.SkipWhen(hub.SkipReason is not null, hub.SkipReason ?? "");
        var context = await hub.Chromium.NewContextAsync();
        foreach (var path in new[] { "/api/v1/openapi.json", "/api/v1/organisations", "/api/v1/nowhere" })
        {
            var response = await context.APIRequest.GetAsync(hub.BaseUrl + path);
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers["content-security-policy"]);
        }
        await context.CloseAsync();
    }
}
