using Microsoft.Playwright;

namespace Mkdash.Tests.Support;

/// <summary>
/// One headless Debian Chromium for all browser tests, driven by Playwright without any download.
/// scripts/test.sh installs Chromium when it is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: kept by CI as artifacts.</summary>
    public static string ArtifactsDir { get; } = Path.GetFullPath(Path.Join(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "screenshots"));

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium package.");
        }

        Directory.CreateDirectory(ArtifactsDir);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
