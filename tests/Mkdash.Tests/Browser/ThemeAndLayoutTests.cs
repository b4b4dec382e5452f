using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>Dark mode, 4K and phone layouts, and GPU cards with the richer readings of newer sources.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ThemeAndLayoutTests(BrowserFixture browser) : IDisposable
{
    private const string Smi =
        "0, NVIDIA H200, GPU-a, 00000000:19:00.0, 91, 40, 61000, 143771, 60, 500, 700\n"
        + "1, NVIDIA H200, GPU-b, 00000000:3B:00.0, 38, 12, 59000, 143771, 55, 300, 700\n";

    private const string Background = "() => getComputedStyle(document.body).backgroundColor";

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task DarkMode_FollowsTheSystem_TheToggleOverridesIt_AndTheChoiceIsRemembered()
    {
        temp.SampleRoot();
        await using var dashboard = await StartWithTwoGpus();
        var context = await PageSession.NewContextAsync(browser.Browser, scheme: ColorScheme.Dark);
        var page = await PageSession.OpenAsync(context, dashboard.Url);
        await PageSession.WaitAsync(page, "() => window.mkdash.chart() !== null");

        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme"));
        Assert.Equal("auto", await page.GetAttributeAsync("#theme-toggle", "data-mode"));
        Assert.Equal("rgb(15, 19, 26)", await page.EvaluateAsync<string>(Background));
        await PageSession.ScreenshotAsync(page, "dark-desktop.png");

        await page.ClickAsync("#theme-toggle");
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        Assert.Equal("rgb(244, 246, 250)", await page.EvaluateAsync<string>(Background));
        await page.ClickAsync("#theme-toggle");
        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme"));

        // Remembered, and it wins over a light system.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await page.ReloadAsync();
        await PageSession.WaitAsync(page, "() => document.documentElement.dataset.theme === 'dark'");
        Assert.Equal("dark", await page.GetAttributeAsync("#theme-toggle", "data-mode"));
        await page.ClickAsync("#theme-toggle");
        Assert.Equal("auto", await page.GetAttributeAsync("#theme-toggle", "data-mode"));
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task On4K_ThePageUsesTheWidth_AndAtPhoneWidthNothingScrollsSideways()
    {
        temp.SampleRoot();
        await using var dashboard = await StartWithTwoGpus();
        var wide = await PageSession.OpenAsync(browser.Browser, dashboard.Url, width: 3840, height: 2160);
        var phone = await PageSession.OpenAsync(browser.Browser, dashboard.Url, width: 360, height: 800);
        await PageSession.WaitAsync(wide, "() => window.mkdash.chart() !== null");
        await PageSession.WaitAsync(phone, "() => window.mkdash.chart() !== null");

        var gridWidth = await wide.EvaluateAsync<double>(
            "() => document.querySelector('.grid').getBoundingClientRect().width");
        Assert.True(gridWidth > 3600, $"the grid is only {gridWidth} px wide on a 3840 px screen");
        var chartWidth = await wide.EvaluateAsync<double>(
            "() => document.querySelector('#gpu-chart canvas').getBoundingClientRect().width");
        Assert.True(chartWidth > 1500, $"the chart is only {chartWidth} px wide on a 3840 px screen");
        foreach (var page in new[] { wide, phone })
        {
            Assert.False(await page.EvaluateAsync<bool>(
                "() => document.documentElement.scrollWidth > window.innerWidth + 1"));
        }

        await PageSession.ScreenshotAsync(wide, "4k.png");
        await PageSession.ScreenshotAsync(phone, "phone-full.png");
        await phone.ScreenshotAsync(new() { Path = Path.Join(BrowserFixture.ArtifactsDir, "phone-top.png") });
        foreach (var card in new[] { "card-gpus", "card-chart", "card-attempts", "card-stage-log" })
        {
            await PageSession.ElementScreenshotAsync(phone, "#" + card, $"phone-{card}.png");
        }
    }

    [Fact]
    public async Task GpuCard_ShowsSourceReasonFailuresProcessesAndLimits_WhenASourceReportsThem()
    {
        temp.SampleRoot();
        await using var dashboard = await StartWithTwoGpus();
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url);
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#gpu-bars [data-index]').length === 2");

        // What NVML-backed readings add (issue 4); rendered through the page's own render().
        var shown = await page.EvaluateAsync<string>("""
            async () => {
              const s = await (await fetch('api/status')).json();
              s.gpus.source = 'nvidia-smi';
              s.gpus.sourceReason = 'NVML: Driver/library version mismatch <b>x</b>';
              s.gpus.gpus = [
                { index: 0, name: 'NVIDIA H200', uuid: 'GPU-1234', pciBusId: '00000000:18:00.0', utilization: 91,
                  memoryUtilization: null, memoryUsedMiB: 61000, memoryTotalMiB: 143771, temperatureC: 60,
                  powerW: 500, powerLimitW: 700, error: null,
                  processes: [{ pid: 4242, usedMemoryMiB: 60000, commandLine: 'python mimickit/run.py <img src=x>' }] },
                { index: 1, name: 'NVIDIA H200', utilization: null, memoryUsedMiB: null, memoryTotalMiB: null,
                  temperatureC: null, powerW: null, processes: null, error: 'GPU is lost (Xid 79)' },
              ];
              window.mkdash.render(s);
              const gpu = (i) => document.querySelector(`#gpu-bars [data-index="${i}"]`);
              return JSON.stringify({
                notice: document.querySelector('#gpu-unavailable').textContent,
                noticeHidden: document.querySelector('#gpu-unavailable').hidden,
                first: gpu(0).textContent,
                firstFailed: gpu(0).classList.contains('gpu-failed'),
                second: gpu(1).textContent,
                secondFailed: gpu(1).classList.contains('gpu-failed'),
                images: document.querySelectorAll('#card-gpus img, #card-gpus b:not(.gpu-stats b)').length,
              });
            }
            """);
        var result = JsonDocument.Parse(shown).RootElement;
        Assert.False(result.GetProperty("noticeHidden").GetBoolean());
        Assert.Contains(
            "NVML: Driver/library version mismatch <b>x</b>",
            result.GetProperty("notice").GetString(),
            StringComparison.Ordinal);
        var first = result.GetProperty("first").GetString()!;
        Assert.False(result.GetProperty("firstFailed").GetBoolean());
        Assert.Contains("00000000:18:00.0", first, StringComparison.Ordinal);
        Assert.Contains("500.0 / 700 W", first, StringComparison.Ordinal);
        Assert.Contains("4242", first, StringComparison.Ordinal);
        Assert.Contains("python mimickit/run.py <img src=x>", first, StringComparison.Ordinal);
        Assert.Contains("—", first, StringComparison.Ordinal);
        Assert.True(result.GetProperty("secondFailed").GetBoolean());
        Assert.Contains("GPU is lost (Xid 79)", result.GetProperty("second").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("images").GetInt32());
        await PageSession.ElementScreenshotAsync(page, "#card-gpus", "gpu-fields.png");
    }

    [Fact]
    public async Task GpuCard_OnTheFakeNvmlLibrary_ShowsEveryFieldAndALostGpuAsFailed()
    {
        temp.SampleRoot();
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(Environment.ProcessId));
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--nvml-library", library);
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url);
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#gpu-bars [data-index]').length === 2");

        // GPU0 falls off the bus while the page is open: it turns red, GPU1 keeps reporting.
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(Environment.ProcessId) + "gpu0.lost=15\n");
        await PageSession.WaitAsync(page, "() => document.querySelector('#gpu-bars .gpu-failed') !== null");

        var lost = await page.Locator("#gpu-bars [data-index='0']").TextContentAsync() ?? "";
        var busy = await page.Locator("#gpu-bars [data-index='1']").TextContentAsync() ?? "";
        var card = await page.Locator("#card-gpus").TextContentAsync() ?? "";

        Assert.True(await page.Locator("#gpu-bars [data-index='0']").EvaluateAsync<bool>(
            "e => e.classList.contains('gpu-failed')"));
        Assert.Contains("GPU is lost", lost, StringComparison.Ordinal);
        Assert.Contains("00000000:19:00.0", lost, StringComparison.Ordinal);
        Assert.Contains("00000000:3B:00.0", busy, StringComparison.Ordinal);
        Assert.Contains("76", busy, StringComparison.Ordinal);
        Assert.Contains("323.0 / 700 W", busy, StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), busy, StringComparison.Ordinal);
        Assert.Contains("NVML", card, StringComparison.Ordinal);
        await PageSession.ElementScreenshotAsync(page, "#card-gpus", "gpu-nvml.png");
    }

    private Task<LiveDashboard> StartWithTwoGpus()
    {
        return LiveDashboard.StartAsync(temp, "--nvidia-smi", FakeNvidiaSmi.Printing(temp, Smi));
    }

    public void Dispose() => temp.Dispose();
}
