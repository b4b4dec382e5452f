using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>The page works under a strict Content-Security-Policy: no inline script or style, no eval.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IDisposable
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task Page_RendersEverythingUnderAStrictPolicy_WithoutASingleViolation()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var context = await PageSession.NewContextAsync(browser.Browser);
        await context.AddInitScriptAsync(
            "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        // The policy goes on the document itself, as a server adding the header would send it.
        await context.RouteAsync(dashboard.Url, async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });

        var page = await PageSession.OpenAsync(context, dashboard.Url);
        await PageSession.WaitAsync(page, "() => window.mkdash.chart() !== null");
        await page.ClickAsync("#theme-toggle");
        await page.FillAsync("#runner-log-filter", "CASE");
        await page.ClickAsync("#attempts-table tr.attempt");
        await PageSession.WaitAsync(page, "() => document.querySelector('#attempts-table tr.attempt-detail') !== null");
        await page.Mouse.MoveAsync(700, 700);

        Assert.Equal("2", await PageSession.TextAsync(page, "#progress-total"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));

        // The policy is in force: an inline handler is blocked and reported.
        await page.EvaluateAsync(
            "() => { const d = document.createElement('div'); d.setAttribute('onclick', 'window.inlineRan = 1'); "
            + "document.body.append(d); d.click(); }");
        await PageSession.WaitAsync(page, "() => window.cspViolations.length > 0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.inlineRan === undefined"));
        await context.CloseAsync();
    }

    public void Dispose() => temp.Dispose();
}
