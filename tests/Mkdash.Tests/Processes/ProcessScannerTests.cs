using System.Diagnostics;
using Mkdash.Processes;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Processes;

public sealed class ProcessScannerTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Theory]
    [InlineData("python3 scripts/run_case_longcycle.py --root-out x", "runner")]
    [InlineData("/usr/bin/python run_case_gpu_bench.py", "runner")]
    [InlineData("python mimickit/run.py --mode train --arg_file a.txt", "worker")]
    [InlineData("python /data/MimicKit/mimickit/run.py --mode=train", "worker")]
    [InlineData("python mimickit/run.py --mode test", null)]
    [InlineData("python train.py --mode train", null)]
    [InlineData("vim run_case_longcycle.txt", null)]
    public void Classify_TellsRunnersAndWorkersFromOtherProcesses(string commandLine, string? kind)
    {
        var found = ProcessScanner.Classify(commandLine.Split(' '));

        Assert.Equal(kind, found?.Kind);
    }

    [Fact]
    public void Scan_FindsARealRunnerProcessByItsScriptName()
    {
        var script = FakeNvidiaSmi.Create(temp, "run_case_longcycle.py", "sleep 30");
        using var runner = Process.Start(new ProcessStartInfo("/bin/sh", [script, "--root-out", "case_e2e_1"]))!;
        try
        {
            // Right after the fork the child may not have exec'd the shell yet.
            var view = new ProcessScanner().Scan();
            for (var i = 0; i < 50 && !view.Runners.Any(p => p.Pid == runner.Id); i++)
            {
                Thread.Sleep(100);
                view = new ProcessScanner().Scan();
            }

            var found = Assert.Single(view.Runners, p => p.Pid == runner.Id);
            Assert.Equal("run_case_longcycle.py", found.Script);
            Assert.Contains("--root-out case_e2e_1", found.CommandLine);
            Assert.True(view.RunnerAlive);
        }
        finally
        {
            runner.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Scan_OfAFolderThatIsNotProc_SaysSo()
    {
        var view = new ProcessScanner(Path.Join(temp.Folder, "no-proc")).Scan();

        Assert.Empty(view.Runners);
        Assert.Contains("cannot read", view.Error);
    }

    public void Dispose() => temp.Dispose();
}
