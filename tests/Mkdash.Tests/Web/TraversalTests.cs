using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>
/// Every way a request or a workspace file could point outside the allowed places, against a folder of
/// bait files watched with inotify: the server must not open a single one of them.
/// </summary>
public sealed class TraversalTests : IDisposable
{
    private const string Secret = "BAIT-9d2f";

    private readonly TempWorkspace temp = new();

    private string Outside => Path.Join(temp.Folder, "outside");

    private void LayBait()
    {
        var json = $$"""{"done": 1, "total": 2, "last_case": "bait_args.txt", "status": "{{Secret}}"}""";
        temp.Write("outside/progress.json", json);
        temp.Write("outside/attempts.json", $$"""[{"note": "{{Secret}}"}]""");
        temp.Write("outside/case_e2e_bait.log", Secret + "\n");
        temp.Write("outside/long_train.log", Secret + "\n");
        temp.Write("outside/mk_longcycle_monitor_9.log", "2026-12-03 10:00:00 | GPU0=99% GPU1=99% " + Secret + "\n");
        Directory.CreateDirectory(Path.Join(Outside, "runs", "bait_args"));
        temp.Write("outside/runs/bait_args/attempts.json", $$"""[{"note": "{{Secret}}"}]""");
    }

    private void LayTraps()
    {
        // A root whose files are symlinks out, a root that is a symlink out, a stage folder that is one,
        // attempts.json whose log paths lead out, and logs in the log dir that are symlinks out.
        var linked = temp.Root("case_e2e_links");
        File.CreateSymbolicLink(Path.Join(linked, "progress.json"), Path.Join(Outside, "progress.json"));
        Directory.CreateSymbolicLink(Path.Join(temp.TrainDir, "case_ultralong_alloc_out"), Outside);

        var paths = temp.Root("case_e2e_paths");
        File.WriteAllText(Path.Join(paths, "progress.json"), """{"done": 0, "total": 1, "last_case": "p_args.txt"}""");
        var escape = "../../../../../../outside/long_train.log";
        File.WriteAllText(Path.Join(paths, "runs", "p_args.json"), "[]");
        Directory.CreateDirectory(Path.Join(paths, "runs", "p_args"));
        File.WriteAllText(Path.Join(paths, "runs", "p_args", "attempts.json"), $$"""
            [{"variant": "default", "num_envs": 1, "note": "in_progress_long",
              "long_train_log": "{{Path.Join(Outside, "long_train.log")}}",
              "probe_train_log": "{{escape}}", "test_log": "/etc/passwd",
              "out_dir": "{{Outside}}", "long_out_dir": "{{Outside}}"}]
            """);
        Directory.CreateSymbolicLink(Path.Join(paths, "runs", "p_args", "default_e1"), Outside);

        File.CreateSymbolicLink(Path.Join(temp.LogDir, "case_e2e_links.log"), Path.Join(Outside, "case_e2e_bait.log"));
        File.CreateSymbolicLink(
            Path.Join(temp.LogDir, "mk_dualgpu_follow_until_high_1.log"), Path.Join(Outside, "mk_longcycle_monitor_9.log"));
    }

    public static TheoryData<string> Requests()
    {
        return new TheoryData<string>
        {
            "/api/status",
            "/api/status?root=case_e2e_links",
            "/api/status?root=case_e2e_paths",
            "/api/status?root=case_ultralong_alloc_out",
            "/api/status?root=../../outside",
            "/api/status?root=..%2F..%2Foutside",
            "/api/status?root=%2e%2e/%2e%2e/outside",
            "/api/status?root=%252e%252e%252f%252e%252e%252foutside",
            "/api/status?root=output/train/../../../outside",
            "/api/status?root=output%2Ftrain%2F..%2F..%2F..%2Foutside",
            "/api/status?root=OUTSIDE_ABSOLUTE",
            "/api/status?root=OUTSIDE_ABSOLUTE/runs/bait_args",
            "/api/status?root=/etc",
            "/api/status?root=/proc/self/cwd",
            "/api/status?root=case_e2e_links/../../../../outside",
            "/api/status?root=case_e2e_paths%00/../../../outside",
            "/../../outside/progress.json",
            "/%2e%2e/%2e%2e/outside/progress.json",
            "/js/..%2F..%2F..%2Foutside%2Fprogress.json",
            "/api/events?root=../../outside",
        };
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NoRequest_OpensAFileOutsideTheAllowedPlaces(string target)
    {
        LayBait();
        LayTraps();
        using var watch = new OpenWatch(Outside);
        var before = temp.Checksum();
        watch.Take();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--rate-limit", "0");
        var path = target.Replace("OUTSIDE_ABSOLUTE", Uri.EscapeDataString(Outside), StringComparison.Ordinal);

        var answer = await RawHttp.SendAsync(
            new Uri(dashboard.Url),
            $"GET {path} HTTP/1.1\nHost: 127.0.0.1",
            stopAfter: path.StartsWith("/api/events", StringComparison.Ordinal) ? TimeSpan.FromSeconds(2.5) : null);
        await Task.Delay(300);
        var opened = watch.Take();
        var after = temp.Checksum();

        Assert.InRange(answer.Status, 200, 499);
        Assert.DoesNotContain(Secret, answer.Body);
        Assert.Empty(opened);
        Assert.Equal(before, after);
    }

    [Fact]
    public void TheWatch_SeesAnOpen()
    {
        LayBait();
        using var watch = new OpenWatch(Outside);

        _ = File.ReadAllText(Path.Join(Outside, "progress.json"));

        Assert.Contains("progress.json", watch.Take());
    }

    public void Dispose() => temp.Dispose();
}
