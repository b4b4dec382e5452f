using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>
/// A page in its own browser context (or a shared one, for tabs), that records every dialog it
/// tries to open so a test can assert that no script from the data ran.
/// </summary>
internal static class PageSession
{
    public static readonly PageWaitForFunctionOptions Within5s = new() { Timeout = 5000 };

    public static async Task<IBrowserContext> NewContextAsync(
        IBrowser browser,
        int width = 1400,
        int height = 1000,
        ColorScheme scheme = ColorScheme.Light,
        string? timezoneId = null)
    {
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            ColorScheme = scheme,
            TimezoneId = timezoneId,
        });
    }

    /// <summary>Opens url in a new tab of context and waits for the first numbers.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string url, List<string>? dialogs = null)
    {
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            dialogs?.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#progress-total')?.textContent.trim().length > 0", null, Within5s);
        return page;
    }

    public static async Task<IPage> OpenAsync(
        IBrowser browser, string url, int width = 1400, int height = 1000, List<string>? dialogs = null)
    {
        var context = await NewContextAsync(browser, width, height);
        return await OpenAsync(context, url, dialogs);
    }

    public static Task WaitAsync(IPage page, string condition, int timeoutMs = 5000)
    {
        return page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = timeoutMs });
    }

    public static async Task<string> TextAsync(IPage page, string selector)
    {
        return (await page.Locator(selector).First.InnerTextAsync()).Trim();
    }

    /// <summary>Waits until the element's text contains text.</summary>
    public static Task WaitForTextAsync(IPage page, string selector, string text, int timeoutMs = 5000)
    {
        return page.WaitForFunctionAsync(
            "([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t)",
            new[] { selector, text },
            new PageWaitForFunctionOptions { Timeout = timeoutMs });
    }

    /// <summary>A screenshot of one element, kept with the others.</summary>
    public static Task ElementScreenshotAsync(IPage page, string selector, string name)
    {
        return page.Locator(selector).ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Join(BrowserFixture.ArtifactsDir, name),
        });
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        return page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Join(BrowserFixture.ArtifactsDir, name),
            FullPage = true,
        });
    }
}
