using System.Text;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>Log panels: ANSI colours, \r collapse, failure lines, filter with context, follow.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LogPanelTests(BrowserFixture browser) : IDisposable
{
    private const string Log = "#runner-log";

    private readonly TempWorkspace temp = new();

    private string RunnerLog => Path.Join(temp.LogDir, "case_e2e_logs.log");

    private void WriteRoot()
    {
        var root = temp.Root("case_e2e_logs");
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 0, "total": 4, "last_case": "x_args.txt"}""");
        var text = new StringBuilder();
        text.Append("[INFO] root_out=/data/x\n");
        text.Append("\u001b[31mred text\u001b[0m plain \u001b[1;32mbold green\u001b[0m ");
        text.Append("\u001b[38;5;208mpalette\u001b[0m\n");
        text.Append("epoch 1  10%\repoch 1  50%\repoch 1 100%\n");
        text.Append("\u001b[33m<img src=x onerror=alert(1)>\u001b[0m <script>window.pwned=1</script>\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("step ").Append(i).Append(" loss 0.5\n");
        }

        text.Append("before traceback\n");
        text.Append("Traceback (most recent call last):\n");
        text.Append("  File \"train.py\", line 3, in <module>\n");
        text.Append("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n");
        text.Append("[rank0]: Watchdog caught collective operation timeout: WorkNCCL(SeqNum=8, OpType=ALLREDUCE)\n");
        text.Append("Killed\n");
        text.Append("Segmentation fault (core dumped)\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("tail ").Append(i).Append('\n');
        }

        File.WriteAllText(RunnerLog, text.ToString());
    }

    [Fact]
    public async Task RunnerLog_RendersAnsiColoursCollapsesCarriageReturnsAndMarksFailures()
    {
        WriteRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var dialogs = new List<string>();
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url, dialogs: dialogs);
        await PageSession.WaitForTextAsync(page, Log, "tail 29");

        Assert.Equal("red text", await PageSession.TextAsync(page, $"{Log} .a-fg-red"));
        Assert.Equal("bold green", await PageSession.TextAsync(page, $"{Log} .a-bold.a-fg-green"));
        var palette = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('#runner-log .ansi')]"
            + ".find(s => s.textContent === 'palette').style.color");
        Assert.Equal("rgb(255, 135, 0)", palette);
        var text = await PageSession.TextAsync(page, Log);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[31m", text, StringComparison.Ordinal);
        Assert.Contains("epoch 1 100%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1  10%", text, StringComparison.Ordinal);

        // Hostile text inside colour codes is still text.
        Assert.Contains("<img src=x onerror=alert(1)> <script>window.pwned=1</script>", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"{Log} img, {Log} script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Empty(dialogs);

        var errors = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#runner-log .l-error')].map(l => l.textContent)");
        Assert.Contains("Traceback (most recent call last):", errors);
        Assert.Contains(errors, e => e.Contains("CUDA out of memory", StringComparison.Ordinal));
        Assert.Contains(
            errors, e => e.Contains("Watchdog caught collective operation timeout", StringComparison.Ordinal));
        Assert.Contains("Killed", errors);
        Assert.Contains("Segmentation fault (core dumped)", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("step ", StringComparison.Ordinal));
        Assert.Equal(5, errors.Length);
    }

    [Fact]
    public async Task Filter_KeepsTwoLinesOfContextAroundEachMatch()
    {
        WriteRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url);
        await PageSession.WaitForTextAsync(page, Log, "tail 29");

        await page.FillAsync("#runner-log-filter", "traceback");
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#runner-log .l-match').length === 2");

        var shown = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#runner-log .log-line')].map(l => l.textContent)");
        Assert.Equal(
            [
                "step 28 loss 0.5", "step 29 loss 0.5", "before traceback", "Traceback (most recent call last):",
                "  File \"train.py\", line 3, in <module>",
                "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
            ],
            shown);
        Assert.Contains("2", await PageSession.TextAsync(page, "#runner-log-count"), StringComparison.Ordinal);

        await page.FillAsync("#runner-log-filter", "no such words");
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#runner-log .log-line').length === 0");
        await page.FillAsync("#runner-log-filter", "");
        await PageSession.WaitAsync(page, "() => document.querySelectorAll('#runner-log .log-line').length > 60");
    }

    [Fact]
    public async Task Follow_StopsWhenTheReaderScrollsUp_AndResumesWhenToggledOn()
    {
        WriteRoot();
        await using var dashboard = await LiveDashboard.StartAsync(temp);
        var page = await PageSession.OpenAsync(browser.Browser, dashboard.Url);
        const string atBottom = "(() => { const p = document.querySelector('#runner-log');"
            + " return p.scrollHeight - p.scrollTop - p.clientHeight < 4; })()";
        await PageSession.WaitForTextAsync(page, Log, "tail 29");
        await PageSession.WaitAsync(page, "() => " + atBottom);
        Assert.Equal("true", await page.GetAttributeAsync("#runner-log-follow", "aria-pressed"));

        await page.EvalOnSelectorAsync("#runner-log", "p => { p.scrollTop = 0; }");
        await PageSession.WaitAsync(
            page, "() => document.querySelector('#runner-log-follow').getAttribute('aria-pressed') === 'false'");
        File.AppendAllText(RunnerLog, "new line one\n");
        await PageSession.WaitForTextAsync(page, Log, "new line one");
        Assert.Equal(0, await page.EvalOnSelectorAsync<int>("#runner-log", "p => p.scrollTop"));

        await page.ClickAsync("#runner-log-follow");
        await PageSession.WaitAsync(page, "() => " + atBottom);
        File.AppendAllText(RunnerLog, "new line two\n");
        await PageSession.WaitForTextAsync(page, Log, "new line two");
        await PageSession.WaitAsync(page, "() => " + atBottom);
        Assert.Equal("true", await page.GetAttributeAsync("#runner-log-follow", "aria-pressed"));
    }

    public void Dispose() => temp.Dispose();
}
