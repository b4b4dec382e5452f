using Mkdash.Logs;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Logs;

public sealed class LogLocatorTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private string Log(string name, DateTime mtime)
    {
        var path = temp.Write(Path.Join("tmp", name), "x\n");
        File.SetLastWriteTimeUtc(path, mtime);
        return path;
    }

    [Fact]
    public void FindRunnerLog_PrefersTheRootsOwnLog()
    {
        var own = Log("case_ultralong_x.log", DateTime.UtcNow.AddHours(-5));
        Log("case_run_longcycle_1.log", DateTime.UtcNow);

        Assert.Equal(own, new LogLocator(temp.LogDir).FindRunnerLog("case_ultralong_x"));
    }

    [Fact]
    public void FindRunnerLog_FallsBackToTheNewestLongcycleLog()
    {
        Log("case_a_longcycle_1.log", DateTime.UtcNow.AddHours(-1));
        var newest = Log("case_b_longcycle_2.log", DateTime.UtcNow);

        Assert.Equal(newest, new LogLocator(temp.LogDir).FindRunnerLog("case_missing"));
    }

    [Fact]
    public void FindMonitorLog_FollowsThePatternPriorityBeforeAge()
    {
        Log("mk_longcycle_monitor_9.log", DateTime.UtcNow);
        var preferred = Log("mk_ultralong_alloc_monitor_1.log", DateTime.UtcNow.AddDays(-1));

        Assert.Equal(preferred, new LogLocator(temp.LogDir).FindMonitorLog());
    }

    [Fact]
    public void Find_InAMissingLogDir_FindsNothing()
    {
        var locator = new LogLocator(Path.Join(temp.Folder, "nope"));

        Assert.Null(locator.FindMonitorLog());
        Assert.Null(locator.FindRunnerLog("x"));
    }

    public void Dispose() => temp.Dispose();
}
