using System.Diagnostics;
using System.Net;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>A named pipe or a folder where a file should be is reported, never opened: opening a pipe waits forever.</summary>
public sealed class NotAFileTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task NamedPipesForProgressAndTheRunnerLog_AreReportedAtOnce()
    {
        var root = temp.Root("case_e2e_pipe");
        MakeFifo(Path.Join(root, "progress.json"));
        MakeFifo(Path.Join(temp.LogDir, "case_e2e_pipe.log"));
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();

        var timer = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/status").WaitAsync(TimeSpan.FromSeconds(10));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5), timer.Elapsed.ToString());
        Assert.Contains("progress.json: not read, it is a named pipe", text);
        Assert.Contains("case_e2e_pipe.log: not read, it is a named pipe", text);
    }

    [Fact]
    public async Task AFolderNamedAttemptsJson_IsReportedAndTheRestShown()
    {
        var root = temp.Root("case_e2e_dir");
        File.WriteAllText(Path.Join(root, "progress.json"), """{"done": 3, "total": 8, "last_case": "a_args.txt"}""");
        Directory.CreateDirectory(Path.Join(root, "runs", "a_args", "attempts.json"));
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync("/api/status");

        Assert.Contains("attempts.json: not read, it is a folder", text);
        Assert.Contains("\"done\":3", text);
    }

    public void Dispose() => temp.Dispose();
}
