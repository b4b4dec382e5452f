using System.Globalization;
using Microsoft.Playwright;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>The page stays current by itself: shared stream across tabs, reconnect after a restart.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LiveStreamTests(BrowserFixture browser) : IDisposable
{
    private const string Progress = """
        {"done": 1, "total": TOTAL, "last_case": "a_args.txt", "status": "running_case"}
        """;

    private readonly TempWorkspace temp = new();

    private static string ProgressWithTotal(int total) =>
        Progress.Replace("TOTAL", total.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string TotalIs(int total) =>
        $"() => document.querySelector('#progress-total').textContent.trim() === '{total}'";

    [Fact]
    public async Task EightTabs_ShareOneStreamAndAllFollowChanges_EvenAfterTheLeadingTabCloses()
    {
        var root = temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var context = await PageSession.NewContextAsync(browser.Browser);
        var tabs = new List<IPage>();
        for (var i = 0; i < 8; i++)
        {
            // More tabs than the six connections a browser keeps per host: each would hang on
            // its own stream.
            tabs.Add(await PageSession.OpenAsync(context, dashboard.Url));
        }

        foreach (var tab in tabs)
        {
            await PageSession.WaitAsync(tab, "() => window.mkdash.stream().conn === 'live'");
        }

        Assert.Equal(1, await CountLeaders(tabs));

        File.WriteAllText(Path.Join(root, "progress.json"), ProgressWithTotal(9));
        foreach (var tab in tabs)
        {
            await PageSession.WaitAsync(tab, TotalIs(9), 3000);
        }

        var leader = await LeaderOf(tabs);
        await leader.CloseAsync();
        tabs.Remove(leader);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await CountLeaders(tabs) != 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, await CountLeaders(tabs));
        File.WriteAllText(Path.Join(root, "progress.json"), ProgressWithTotal(11));
        foreach (var tab in tabs)
        {
            await PageSession.WaitAsync(tab, TotalIs(11), 4000);
        }

        await context.CloseAsync();
    }

    [Fact]
    public async Task Page_LooksStaleWhileTheServerIsDown_AndGoesLiveAgainAfterARestartOnTheSamePort()
    {
        var root = temp.SampleRoot();
        var port = LiveDashboard.FreePort();
        var first = await LiveDashboard.StartOnPortAsync(temp, port);
        var page = await PageSession.OpenAsync(browser.Browser, first.Url);
        await PageSession.WaitAsync(page, "() => document.querySelector('#freshness').dataset.state === 'live'");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        await first.DisposeAsync();
        await PageSession.WaitAsync(
            page,
            "() => document.querySelector('#freshness').dataset.state === 'stale'"
            + " && document.body.classList.contains('is-stale')"
            + " && !document.querySelector('#connection-error').hidden",
            10000);
        // The pill counts how old the shown data is while nothing new arrives.
        await PageSession.WaitAsync(
            page, "() => /^已过期 · [0-9]+ 秒前更新$/.test(document.querySelector('.freshness-text').textContent)");
        var opacity = await page.EvaluateAsync<string>(
            "() => getComputedStyle(document.querySelector('#card-progress')).opacity");
        Assert.NotEqual("1", opacity);

        File.WriteAllText(Path.Join(root, "progress.json"), ProgressWithTotal(12));
        await using var second = await LiveDashboard.StartOnPortAsync(temp, port);
        await PageSession.WaitAsync(
            page,
            "() => document.querySelector('#freshness').dataset.state === 'live'"
            + " && !document.body.classList.contains('is-stale')"
            + " && document.querySelector('#connection-error').hidden",
            15000);
        await PageSession.WaitAsync(page, TotalIs(12));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [Fact]
    public async Task Tab_WithoutWebLocksOrBroadcastChannel_KeepsItsOwnStream()
    {
        var root = temp.SampleRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var context = await PageSession.NewContextAsync(browser.Browser);
        await context.AddInitScriptAsync(
            "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }); delete window.BroadcastChannel;");
        var page = await PageSession.OpenAsync(context, dashboard.Url);
        await PageSession.WaitAsync(page, "() => window.mkdash.stream().conn === 'live'");
        Assert.Equal("solo", await page.EvaluateAsync<string>("() => window.mkdash.stream().role"));

        File.WriteAllText(Path.Join(root, "progress.json"), ProgressWithTotal(5));
        await PageSession.WaitAsync(page, TotalIs(5), 3000);
        await context.CloseAsync();
    }

    private static async Task<int> CountLeaders(List<IPage> tabs)
    {
        var count = 0;
        foreach (var tab in tabs)
        {
            if (await tab.EvaluateAsync<string>("() => window.mkdash.stream().role") == "leader")
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<IPage> LeaderOf(List<IPage> tabs)
    {
        foreach (var tab in tabs)
        {
            if (await tab.EvaluateAsync<string>("() => window.mkdash.stream().role") == "leader")
            {
                return tab;
            }
        }

        throw new InvalidOperationException("no tab leads the stream");
    }

    public void Dispose() => temp.Dispose();
}
