using System.Diagnostics;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Browser;

/// <summary>
/// Markup in every text that comes from a file, a process or a GPU, with every panel opened, filtered and
/// hovered: all of it shows as text and none of it runs.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class HostileTextTests(BrowserFixture browser) : IDisposable
{
    private const string Img = "<img src=x onerror=window.__xss=1>";
    private const string Svg = "<svg onload=window.__xss=2>";
    private const string Script = "<script>window.__xss=3</script>";
    private const string Quote = "\"'><b onmouseover=window.__xss=4>q</b>";

    private static readonly string Json = (Img + Svg + Script + Quote).Replace("\"", "\\\"", StringComparison.Ordinal);

    private readonly TempWorkspace temp = new();

    private string LayWorkspace()
    {
        var rootName = "case_e2e_" + Img;
        var root = temp.Root(rootName);
        var caseName = Img + ".txt";
        var folder = Path.Join(root, "runs", Img);
        Directory.CreateDirectory(Path.Join(folder, "default_e8"));
        File.WriteAllText(Path.Join(root, "progress.json"), $$"""
            {"done": 1, "total": 3, "last_case": "{{caseName.Replace("\"", "\\\"")}}", "status": "{{Json}}",
             "{{Json}}": "{{Json}}", "note_{{Json}}": ["{{Json}}"]}
            """);
        File.WriteAllText(Path.Join(folder, "attempts.json"), $$"""
            [{"case": "{{Json}}", "method": "{{Json}}", "case_type": "{{Json}}", "variant": "default", "num_envs": 8,
              "agent_config": "{{Json}}", "note": "long_nccl{{Json}}", "long_stop_reason": "{{Json}}",
              "long_mode": "{{Json}}", "probe_rc": 0, "probe_ok": 1, "long_rc": 1, "long_ok": 0,
              "{{Json}}": "{{Json}}", "long_train_log": "runs/{{Img}}/default_e8/long_train.log"},
             {"variant": "{{Json}}", "num_envs": "{{Json}}", "note": "in_progress_long{{Json}}",
              "long_budget_target_sec": 10, "long_budget_elapsed_sec": 4}]
            """);
        var lines = $"{Img}\n{Svg}\n{Script}\n{Quote}\n\u001b[31m{Img}\u001b[0m\nTraceback {Script}\n";
        File.WriteAllText(Path.Join(folder, "default_e8", "long_train.log"), lines);
        File.WriteAllText(Path.Join(temp.LogDir, rootName + ".log"), lines);
        File.WriteAllText(
            Path.Join(temp.LogDir, "mk_longcycle_monitor_1.log"),
            $"2026-12-03 10:00:00 | GPU0=50% GPU1=90% {Img}\n{Svg}\ncurrent_case_note {Img} {Script}\n");
        return rootName;
    }

    [Fact]
    public async Task MarkupInEveryText_ShowsAsTextAndRunsNothing()
    {
        var rootName = LayWorkspace();
        var smi = FakeNvidiaSmi.Printing(
            temp, $"0, {Img}, GPU-{Svg}, 00000000:19:00.0, 91, 40, 1000, 143771, 60, 500, 700\n");
        using var runner = Process.Start(new ProcessStartInfo(
            "/bin/sh", ["-c", "sleep 30", $"run_case_{Img}.py", "--root-out", Script]))!;
        try
        {
            await using var dashboard = await LiveDashboard.StartAsync(temp, "--nvidia-smi", smi);
            var dialogs = new List<string>();
            var context = await PageSession.NewContextAsync(browser.Browser);
            var page = await PageSession.OpenAsync(context, dashboard.Url, dialogs);
            await PageSession.WaitForTextAsync(page, "#runner-log", Script);
            await PageSession.WaitForTextAsync(page, "body", $"run_case_{Img}.py", 8000);

            foreach (var row in await page.Locator("#attempts-table tr.attempt").AllAsync())
            {
                await row.ClickAsync();
            }

            await page.FillAsync("#runner-log-filter", "xss");
            await page.FillAsync("#monitor-log-filter", "svg");
            await page.Mouse.MoveAsync(700, 600);
            await page.ClickAsync("#lang-toggle");
            await page.ClickAsync("#theme-toggle");
            await page.FillAsync("#root-input", Quote);
            await page.ClickAsync("#root-switch");
            await PageSession.WaitForTextAsync(page, "body", "not found under");
            await page.GotoAsync(dashboard.Url + "?root=" + Uri.EscapeDataString(rootName));
            await PageSession.WaitForTextAsync(page, "#runner-log", Script);
            await PageSession.ScreenshotAsync(page, "hostile-text.png");

            var text = await page.EvaluateAsync<string>("() => document.body.innerText");
            const string injected = "img[src='x'], [onerror], [onload], [onmouseover], svg[onload], b[onmouseover]";
            Assert.Equal(0, await page.Locator(injected).CountAsync());
            Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
            Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
            Assert.Empty(dialogs);
            Assert.Contains(Img, text);
            Assert.Contains(Script, text);
            Assert.Contains(Svg, text);
            await context.CloseAsync();
        }
        finally
        {
            runner.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => temp.Dispose();
}
