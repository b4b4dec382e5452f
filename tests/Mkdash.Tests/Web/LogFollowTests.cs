using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>Logs are followed by name, the way tail -F does: through truncation, rotation and deletion.</summary>
public sealed class LogFollowTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static async Task<(List<string> Lines, string? Error)> RunnerLog(HttpClient client)
    {
        var status = JsonDocument.Parse(await client.GetStringAsync("/api/status")).RootElement;
        var log = status.GetProperty("runnerLog");
        var lines = log.GetProperty("lines").EnumerateArray().Select(line => line.GetString()!).ToList();
        return (lines, log.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ATruncatedLog_ShowsOnlyWhatWasWrittenAfter()
    {
        temp.Root("case_e2e_follow");
        var log = Path.Join(temp.LogDir, "case_e2e_follow.log");
        File.WriteAllText(log, string.Concat(Enumerable.Range(1, 50).Select(i => $"[CASE {i}/50] old_{i}\n")));
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        var before = await RunnerLog(client);

        await using (var truncate = new FileStream(log, FileMode.Truncate, FileAccess.Write))
        {
            await truncate.WriteAsync("[INFO] restarted\n"u8.ToArray());
        }

        var after = await RunnerLog(client);

        Assert.Equal("[CASE 50/50] old_50", before.Lines[^1]);
        Assert.Equal(["[INFO] restarted"], after.Lines);
    }

    [Fact]
    public async Task ARotatedLog_IsFollowedToTheNewFile()
    {
        temp.Root("case_e2e_follow");
        var log = Path.Join(temp.LogDir, "case_e2e_follow.log");
        File.WriteAllText(log, "[INFO] first file\n");
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        var before = await RunnerLog(client);

        File.Move(log, log + ".1");
        File.WriteAllText(log, "[INFO] second file\n");
        var after = await RunnerLog(client);

        Assert.Equal(["[INFO] first file"], before.Lines);
        Assert.Equal(["[INFO] second file"], after.Lines);
    }

    [Fact]
    public async Task ADeletedLog_IsReportedMissing_AndPickedUpAgainWhenItComesBack()
    {
        var log = temp.Write("tmp/runner-by-hand.log", "[INFO] before\n");
        using var factory = new DashboardFactory(temp, new() { ["runner-log"] = log });
        using var client = factory.CreateClient();
        var before = await RunnerLog(client);

        File.Delete(log);
        var gone = await RunnerLog(client);
        File.WriteAllText(log, "[INFO] back\n");
        var back = await RunnerLog(client);

        Assert.Equal(["[INFO] before"], before.Lines);
        Assert.Empty(gone.Lines);
        Assert.Equal("runner-by-hand.log not found", gone.Error);
        Assert.Equal(["[INFO] back"], back.Lines);
        Assert.Null(back.Error);
    }

    [Fact]
    public async Task AGrowingLog_ShowsItsNewLastLines()
    {
        temp.Root("case_e2e_follow");
        var log = Path.Join(temp.LogDir, "case_e2e_follow.log");
        File.WriteAllText(log, "[INFO] one\n");
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();
        var before = await RunnerLog(client);

        File.AppendAllText(log, "[INFO] two\n[INFO] three");
        var after = await RunnerLog(client);

        Assert.Equal(["[INFO] one"], before.Lines);
        Assert.Equal(["[INFO] one", "[INFO] two", "[INFO] three"], after.Lines);
    }

    public void Dispose() => temp.Dispose();
}
