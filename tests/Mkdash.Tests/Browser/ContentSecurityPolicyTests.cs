using Mkdash.Security;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>
/// The page works under the strict Content-Security-Policy the server sends (no inline script or style, no eval),
/// and the browser enforces it.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IDisposable
{
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
        var page = await PageSession.OpenAsync(context, dashboard.Url);
        var sent = await page.EvaluateAsync<string>(
            "async () => (await fetch('./')).headers.get('content-security-policy')");
        await PageSession.WaitAsync(page, "() => window.mkdash.chart() !== null");
        await page.ClickAsync("#theme-toggle");
        await page.FillAsync("#runner-log-filter", "CASE");
        await page.ClickAsync("#attempts-table tr.attempt");
        await PageSession.WaitAsync(page, "() => document.querySelector('#attempts-table tr.attempt-detail') !== null");
        await page.Mouse.MoveAsync(700, 700);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, sent);
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
