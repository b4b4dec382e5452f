using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>What a browser sees of the access token: a page that says what is missing, then the data.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessTokenPageTests(BrowserFixture browser) : IDisposable
{
    private const string Token = "page-token-77c0f1";

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task WithoutTheToken_ThePageSaysHowToGetIn_AndTheTokenUrlOpensItWithoutKeepingTheToken()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--token", Token);
        var context = await PageSession.NewContextAsync(browser.Browser);
        var page = await context.NewPageAsync();

        await page.GotoAsync(dashboard.Url);
        await PageSession.WaitForTextAsync(page, "#connection-error", "access token", 15000);
        var locked = await PageSession.TextAsync(page, "#connection-error");
        await page.GotoAsync(dashboard.Url + "?token=" + Token);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#progress-total')?.textContent.trim() === '2'", null, PageSession.Within5s);
        var cookies = await context.CookiesAsync();
        await PageSession.ScreenshotAsync(page, "token-opened.png");

        Assert.Contains("401", locked);
        Assert.Equal(dashboard.Url, page.Url);
        var cookie = Assert.Single(cookies);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.True(await page.EvaluateAsync<bool>("() => !document.cookie.includes('mkdash_token')"));
        await context.CloseAsync();
    }

    public void Dispose() => temp.Dispose();
}
