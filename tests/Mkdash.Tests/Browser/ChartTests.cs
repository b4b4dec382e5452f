using System.Text.Json;
using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>The GPU trend chart: lines, target, hover values, zoom, pan, reset, local-time ticks.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ChartTests(BrowserFixture browser) : IDisposable
{
    private readonly TempWorkspace temp = new();

    private sealed record ChartInfo(
        double XMin, double XMax, double DataMin, double DataMax, string[] Ticks, bool Zoomed, string[] Labels);

    private static async Task<ChartInfo> InfoAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(
            "() => { const i = window.mkdash.chart();"
            + " return JSON.stringify({ ...i, labels: i.series.map(s => s.label) }); }");
        var info = JsonDocument.Parse(json).RootElement;
        return new ChartInfo(
            info.GetProperty("xMin").GetDouble(),
            info.GetProperty("xMax").GetDouble(),
            info.GetProperty("dataMin").GetDouble(),
            info.GetProperty("dataMax").GetDouble(),
            [.. info.GetProperty("ticks").EnumerateArray().Select(t => t.GetString()!)],
            info.GetProperty("zoomed").GetBoolean(),
            [.. info.GetProperty("labels").EnumerateArray().Select(t => t.GetString()!)]);
    }

    private async Task<IPage> OpenChart(string url, string? timezoneId = null)
    {
        var context = await PageSession.NewContextAsync(browser.Browser, timezoneId: timezoneId);
        var page = await PageSession.OpenAsync(context, url);
        await PageSession.WaitAsync(page, "() => window.mkdash.chart() !== null");
        return page;
    }

    [Fact]
    public async Task Chart_HasALinePerGpuAndTheTarget_ShowsValuesOnHover_ZoomsPansAndResets()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await OpenChart(dashboard.Url);

        var all = await InfoAsync(page);
        Assert.Equal(["时间", "GPU0", "GPU1", "目标 60%"], all.Labels);
        Assert.False(all.Zoomed);
        Assert.Equal(all.DataMin, all.XMin);
        Assert.Equal(all.DataMax, all.XMax);
        var labels = all.Ticks.Where(t => t.Length > 0).ToList();
        Assert.True(labels.Count >= 2, "too few time ticks: " + string.Join(" | ", all.Ticks));
        Assert.Equal(labels.Count, labels.Distinct().Count());

        var plot = await page.Locator("#gpu-chart .u-over").BoundingBoxAsync();
        Assert.NotNull(plot);
        await page.Mouse.MoveAsync(plot.X + (plot.Width / 2), plot.Y + (plot.Height / 2));
        await PageSession.WaitAsync(page, "() => { const t = document.querySelector('.chart-tip');"
            + " return t && !t.hidden && t.textContent.includes('GPU0') && t.textContent.includes('%'); }");

        // Drag across the middle third: zoomed in on that time.
        await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.35f), plot.Y + (plot.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.5f), plot.Y + (plot.Height / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.65f), plot.Y + (plot.Height / 2), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var zoomed = await InfoAsync(page);
        Assert.True(zoomed.Zoomed);
        Assert.True(zoomed.XMin > all.DataMin && zoomed.XMax < all.DataMax);

        await page.ClickAsync("#chart-pan-left");
        var left = await InfoAsync(page);
        Assert.True(left.XMin < zoomed.XMin);
        Assert.Equal(zoomed.XMax - zoomed.XMin, left.XMax - left.XMin, 3);

        await page.ClickAsync("#chart-pan-right");
        await page.ClickAsync("#chart-pan-right");
        var right = await InfoAsync(page);
        Assert.True(right.XMin > left.XMin);

        // Shift+wheel pans too, and never past the ends of the history.
        await page.Mouse.MoveAsync(plot.X + (plot.Width / 2), plot.Y + (plot.Height / 2));
        await page.Keyboard.DownAsync("Shift");
        for (var i = 0; i < 30; i++)
        {
            await page.Mouse.WheelAsync(0, -100);
        }

        await page.Keyboard.UpAsync("Shift");
        var start = await InfoAsync(page);
        Assert.Equal(all.DataMin, start.XMin, 3);

        await page.ClickAsync("#chart-reset");
        var reset = await InfoAsync(page);
        Assert.False(reset.Zoomed);
        Assert.Equal(all.DataMin, reset.XMin);
        Assert.Equal(all.DataMax, reset.XMax);

        await page.ClickAsync("#chart-zoom-in");
        var zoomIn = await InfoAsync(page);
        Assert.True(zoomIn.Zoomed);
        Assert.True(zoomIn.XMax - zoomIn.XMin < reset.XMax - reset.XMin);
        await page.ClickAsync("#chart-zoom-out");
        await page.ClickAsync("#chart-zoom-out");
        Assert.False((await InfoAsync(page)).Zoomed);
    }

    [Fact]
    public async Task TimeAxis_IsInTheViewersLocalTime()
    {
        temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var shanghai = await OpenChart(dashboard.Url, "Asia/Shanghai");
        var newYork = await OpenChart(dashboard.Url, "America/New_York");

        var east = await InfoAsync(shanghai);
        var west = await InfoAsync(newYork);

        Assert.Equal(east.DataMin, west.DataMin);
        var eastFirst = east.Ticks.First(t => t.Length > 0);
        var westFirst = west.Ticks.First(t => t.Length > 0);
        var hourEast = int.Parse(eastFirst[..2], System.Globalization.CultureInfo.InvariantCulture);
        var hourWest = int.Parse(westFirst[..2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(13, (hourEast - hourWest + 24) % 24); // UTC+8 against UTC-5 in December
        Assert.Equal(eastFirst[2..5], westFirst[2..5]);
    }

    public void Dispose() => temp.Dispose();
}
