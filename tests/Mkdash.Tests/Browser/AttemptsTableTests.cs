using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>The attempts table: order, current row, stage badges, note kinds, times, budget, expand.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AttemptsTableTests(BrowserFixture browser) : IDisposable
{
    private const string Attempts = """
        [
          {"variant": "default", "num_envs": 4096, "probe_rc": 0, "probe_ok": 1, "long_rc": 0, "long_ok": 1,
           "test_rc": 0, "test_ok": 1, "viz_rc": 0, "viz_ok": 1, "final_ok": 1, "note": "ok",
           "stage_elapsed_sec": 3725, "long_mode": "time_budget", "long_budget_target_sec": 3600,
           "long_budget_elapsed_sec": 3600, "long_budget_reached": 1, "alloc_source": "profile"},
          {"variant": "default", "num_envs": 2048, "probe_rc": 0, "probe_ok": 1, "long_rc": 1, "long_ok": 0,
           "test_rc": -1, "viz_rc": -1, "final_ok": 0, "note": "long_oom", "stage_elapsed_sec": 35},
          {"variant": "small", "num_envs": 1024, "probe_rc": 124, "probe_ok": 0, "probe_timeout": 1,
           "long_rc": -1, "test_rc": -1, "viz_rc": -1, "final_ok": 0, "note": "probe_timeout"},
          {"variant": "small", "num_envs": 512, "probe_rc": 0, "probe_ok": 1, "long_rc": -1, "test_rc": -1,
           "viz_rc": -1, "note": "in_progress_long", "long_mode": "time_budget", "long_budget_target_sec": 3600,
           "long_budget_elapsed_sec": 1800, "extra_future_key": {"a": 1}}
        ]
        """;

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task Attempts_NewestFirst_CurrentMarked_BadgesNotesTimesBudget_AndEveryOtherKeyOnExpand()
    {
        var root = temp.Root("case_e2e_attempts");
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 0, "total": 3, "last_case": "x_args.txt"}""");
        Directory.CreateDirectory(Path.Join(root, "runs", "x_args"));
        File.WriteAllText(Path.Join(root, "runs", "x_args", "attempts.json"), Attempts);
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url);
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#attempts-table tr.attempt').length === 4");

        var order = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#attempts-table tr.attempt')].map(r => r.dataset.index)");
        Assert.Equal(["3", "2", "1", "0"], order);
        Assert.Equal(["3"], await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#attempts-table tr.attempt.current')].map(r => r.dataset.index)"));

        Assert.Equal(["ok", "running", "not_run", "not_run"], await Badges(page, 3));
        Assert.Equal(["timeout", "not_run", "not_run", "not_run"], await Badges(page, 2));
        Assert.Equal(["ok", "failed", "not_run", "not_run"], await Badges(page, 1));
        Assert.Equal(["ok", "ok", "ok", "ok"], await Badges(page, 0));

        Assert.Equal("running", await Cell(page, 3, ".note", "el => el.dataset.kind"));
        Assert.Equal("timeout", await Cell(page, 2, ".note", "el => el.dataset.kind"));
        Assert.Equal("oom", await Cell(page, 1, ".note", "el => el.dataset.kind"));
        Assert.Equal("ok", await Cell(page, 0, ".note", "el => el.dataset.kind"));

        Assert.Equal("1 小时 02 分", await Cell(page, 0, ".elapsed", "el => el.textContent"));
        Assert.Equal("35 秒", await Cell(page, 1, ".elapsed", "el => el.textContent"));
        Assert.Equal("50%", await Cell(page, 3, ".budget-cell .bar-fill", "el => el.style.width"));
        Assert.Equal("30 分钟 / 1 小时 00 分", await Cell(page, 3, ".budget-text", "el => el.textContent"));
        Assert.Equal("100%", await Cell(page, 0, ".budget-cell .bar-fill", "el => el.style.width"));

        await page.ClickAsync("#attempts-table tr.attempt[data-index='3']");
        await PageSession.WaitAsync(page, "() => document.querySelector('#attempts-table tr.attempt-detail') !== null");
        var detail = await PageSession.TextAsync(page, "#attempts-table tr.attempt-detail");
        Assert.Contains("extra_future_key", detail, StringComparison.Ordinal);
        Assert.Contains("{\"a\":1}", detail, StringComparison.Ordinal);
        Assert.Contains("long_mode", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("long_budget_target_sec", detail, StringComparison.Ordinal);
        var opened = await page.GetAttributeAsync("#attempts-table tr.attempt[data-index='3']", "aria-expanded");
        Assert.Equal("true", opened);

        // The open row stays open when new data arrives.
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 1, "total": 3, "last_case": "x_args.txt"}""");
        await PageSession.WaitAsync(page, "() => document.querySelector('#progress-done').textContent.trim() === '1'");
        Assert.Equal(1, await page.Locator("#attempts-table tr.attempt-detail").CountAsync());
        await page.Keyboard.PressAsync("Enter");
        await PageSession.WaitAsync(page, "() => document.querySelector('#attempts-table tr.attempt-detail') === null");
        await PageSession.ScreenshotAsync(page, "attempts-desktop.png");
    }

    private static Task<string[]> Badges(Microsoft.Playwright.IPage page, int index)
    {
        return page.EvaluateAsync<string[]>(
            $"() => [...document.querySelectorAll(\"#attempts-table tr.attempt[data-index='{index}'] .badge\")]"
            + ".map(b => b.dataset.state)");
    }

    private static Task<string> Cell(Microsoft.Playwright.IPage page, int index, string selector, string read)
    {
        return page.EvalOnSelectorAsync<string>($"#attempts-table tr.attempt[data-index='{index}'] {selector}", read);
    }

    public void Dispose() => temp.Dispose();
}
