using System.Text.Json;
using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

[Collection(BrowserGroup.Name)]
public sealed class PageTests(BrowserFixture browser) : IDisposable
{
    private static readonly PageWaitForFunctionOptions Within5s = new() { Timeout = 5000 };

    private readonly TempWorkspace temp = new();

    private readonly List<string> dialogs = [];

    private async Task<IPage> Open(string url, int width = 1400, int height = 1000)
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#progress-total')?.textContent.trim().length > 0", null, Within5s);
        return page;
    }

    private static Task<string> Text(IPage page, string selector) => PageSession.TextAsync(page, selector);

    [Fact]
    public async Task Page_ShowsTheSameNumbersAndLabelsAsTheApi()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        using var http = new HttpClient();
        var status = JsonDocument.Parse(await http.GetStringAsync(dashboard.Url + "api/status")).RootElement;

        var page = await Open(dashboard.Url);

        var progress = status.GetProperty("progress").GetProperty("value");
        Assert.Equal(progress.GetProperty("done").GetInt32().ToString(), await Text(page, "#progress-done"));
        Assert.Equal(progress.GetProperty("total").GetInt32().ToString(), await Text(page, "#progress-total"));
        Assert.Equal("amp_humanoid_args.txt", await Text(page, "#case-name"));
        Assert.Contains("default e256", await Text(page, "#attempt-label"));
        Assert.Equal("long_nccl", await Text(page, "#attempt-note"));
        foreach (var label in status.GetProperty("health").GetProperty("labels").EnumerateArray())
        {
            var shown = page.Locator($"#health-labels [data-code='{label.GetProperty("code").GetString()}']");
            Assert.Contains(label.GetProperty("zh").GetString()!, await shown.InnerTextAsync());
        }

        Assert.Equal(2, await page.Locator("#attempts-table tbody tr[data-index]").CountAsync());
        Assert.Contains("[DONE] ok=1/2", await Text(page, "#runner-log"));
        Assert.Contains("Watchdog caught collective operation timeout", await Text(page, "#stage-log"));
        await PageSession.ScreenshotAsync(page, "sample-desktop.png");
    }

    [Fact]
    public async Task Page_ShowsHostileNotesAndLogLinesAsTextAndRunsNothing()
    {
        var root = temp.Root("case_e2e_xss");
        File.WriteAllText(
            Path.Join(root, "progress.json"),
            """{"done": 0, "total": 1, "last_case": "x_args.txt", "status": "<b>bold</b>"}""");
        var attempts = Path.Join(root, "runs", "x_args");
        Directory.CreateDirectory(attempts);
        File.WriteAllText(
            Path.Join(attempts, "attempts.json"),
            """
            [{"variant": "<script>window.pwned=1</script>", "num_envs": 1, "note": "<img src=x onerror=alert(1)>"}]
            """);
        File.WriteAllText(
            Path.Join(temp.LogDir, "case_e2e_xss.log"),
            "<img src=x onerror=\"window.pwned=2\">\n<script>window.pwned=3</script>\n");
        await using var dashboard = await LiveDashboard.StartAsync(temp);

        var page = await Open(dashboard.Url);

        Assert.Equal("<img src=x onerror=alert(1)>", await Text(page, "#attempt-note"));
        Assert.Contains("<script>window.pwned=3</script>", await Text(page, "#runner-log"));
        Assert.Contains("<b>bold</b>", await Text(page, "#progress-status"));
        const string hostile = "#runner-log img, #runner-log script, #attempt-note img, #attempts-table script";
        Assert.Equal(0, await page.Locator(hostile).CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        await page.ClickAsync("#attempts-table tr.attempt");
        await page.FillAsync("#runner-log-filter", "script");
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#runner-log .l-match').length === 1");
        Assert.Equal(0, await page.Locator("img[src=x], #attempts-table script, #runner-log script").CountAsync());
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Page_FollowsProgressJsonWithoutAReload()
    {
        var root = temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await Open(dashboard.Url);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        File.WriteAllText(
            Path.Join(root, "progress.json"),
            """{"done": 1, "total": 7, "last_case": "amp_humanoid_args.txt", "status": "running_case"}""");

        await page.WaitForFunctionAsync(
            "() => document.querySelector('#progress-total').textContent.trim() === '7'",
            null,
            new() { Timeout = 2500 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [Fact]
    public async Task Page_SwitchesRootsByInputBoxAndByQuery()
    {
        temp.SampleRoot();
        var other = temp.Root("case_e2e_other");
        File.WriteAllText(Path.Join(other, "progress.json"), """{"done": 3, "total": 30, "last_case": "a_args.txt"}""");
        await using var dashboard = await LiveDashboard.StartAsync(temp);

        var byQuery = await Open(dashboard.Url + "?root=case_e2e_other");
        await PageSession.WaitForTextAsync(byQuery, "#progress-total", "30");

        var byInput = await Open(dashboard.Url);
        await byInput.FillAsync("#root-input", "case_e2e_other");
        await byInput.ClickAsync("#root-switch");
        await PageSession.WaitForTextAsync(byInput, "#progress-total", "30");
        Assert.Contains("root=case_e2e_other", byInput.Url);

        await byInput.FillAsync("#root-input", "../../../../etc");
        await byInput.ClickAsync("#root-switch");
        await PageSession.WaitForTextAsync(byInput, "#root-error", "outside");
    }

    [Fact]
    public async Task Page_SwitchesLanguageAndRemembersIt()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await Open(dashboard.Url);
        Assert.Contains("疑似通信异常", await Text(page, "#health-labels"));

        await page.ClickAsync("#lang-toggle");
        await PageSession.WaitForTextAsync(page, "#health-labels", "NCCL");
        Assert.Equal("中文", await Text(page, "#lang-toggle"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Pipeline progress", await page.Locator("#card-progress h2").TextContentAsync());
        await page.ReloadAsync();

        await PageSession.WaitForTextAsync(page, "#health-labels", "NCCL");
    }

    [Fact]
    public async Task Page_OnTheDemoWorkspaceLooksRightAtDesktopAndPhoneWidth()
    {
        temp.SampleRoot();
        var smi = FakeNvidiaSmi.Printing(
            temp,
            "0, NVIDIA H200, GPU-a, 00000000:19:00.0, 91, 40, 61000, 143771, 60, 500, 700\n"
            + "1, NVIDIA H200, GPU-b, 00000000:3B:00.0, 38, 12, 59000, 143771, 55, 300, 700\n");
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--nvidia-smi", smi);

        var desktop = await Open(dashboard.Url);
        var phone = await Open(dashboard.Url, width: 360, height: 800);

        Assert.Equal(2, await desktop.Locator("#gpu-bars [data-index]").CountAsync());
        using var http = new HttpClient();
        var status = JsonDocument.Parse(await http.GetStringAsync(dashboard.Url + "api/status")).RootElement;
        foreach (var gpu in status.GetProperty("gpus").GetProperty("gpus").EnumerateArray())
        {
            var shown = desktop.Locator($"#gpu-bars [data-index='{gpu.GetProperty("index").GetInt32()}'] .gpu-pct");
            Assert.Equal(gpu.GetProperty("utilization").GetDouble() + "%", (await shown.InnerTextAsync()).Trim());
        }

        var overflow = await phone.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways at 360 px");
        await PageSession.ScreenshotAsync(desktop, "desktop.png");
        await PageSession.ScreenshotAsync(phone, "phone.png");
    }

    [Fact]
    public async Task Demo_RunsALivePipelineThatThePageFollows()
    {
        await using var dashboard = await LiveDashboard.StartDemoAsync();

        var page = await Open(dashboard.Url);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#attempt-note').textContent.startsWith('in_progress_long')",
            null,
            new() { Timeout = 15000 });
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#gpu-bars [data-index]').length === 2");
        await Task.Delay(2500);

        Assert.Equal("8", await Text(page, "#progress-total"));
        Assert.Contains("[CASE 1/8]", await Text(page, "#runner-log"));
        Assert.Contains("GPU0=", await Text(page, "#monitor-log"));
        await PageSession.ScreenshotAsync(page, "demo-desktop.png");
    }

    public void Dispose() => temp.Dispose();
}
