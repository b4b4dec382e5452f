using System.Globalization;

namespace Mkdash.Demo;

/// <summary>
/// Plays a pipeline runner in the demo workspace: cases run probe, long, test and viz stages,
/// one case fails with an NCCL timeout and is retried, logs grow, two monitor logs sample the
/// simulated GPUs. When every case is done it starts a new root.
/// </summary>
internal sealed partial class DemoPipeline(
    string workspace,
    string logDir,
    DemoState state,
    SimulatedGpuSource gpus,
    TimeProvider time) : BackgroundService
{
    private static readonly (string Stage, int Seconds)[] Stages = [("probe", 4), ("long", 14), ("test", 3), ("viz", 2)];

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private string root = "";
    private string runnerLog = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var monitors = MonitorAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunRootAsync(stoppingToken);
                state.Stage = "idle";
                await Task.Delay(TimeSpan.FromSeconds(20), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The demo is stopping.
        }

        await monitors;
    }

    private async Task RunRootAsync(CancellationToken cancellationToken)
    {
        var name = "case_ultralong_alloc_demo_" + time.GetLocalNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        root = Path.Join(workspace, "output", "train", name);
        runnerLog = Path.Join(logDir, name + ".log");
        Directory.CreateDirectory(Path.Join(root, "runs"));
        state.RootName = name;

        var cases = DemoCase.All;
        WriteManifest(cases);
        WriteProgress(0, cases.Count, cases[0].Args, "starting");
        Runner($"[INFO] root_out={root}");
        Runner($"[INFO] manifest trainable=25 nontrainable=7 selected={cases.Count} include_nontrainable=1");
        Runner("[INFO] train_devices=['cuda:0', 'cuda:1']");
        Runner("[INFO] long_mode=time_budget long_budget_hours=0.004 long_budget_signal=SIGINT");

        var ok = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var demoCase = cases[i];
            WriteProgress(i, cases.Count, demoCase.Args, "running_case");
            Runner($"\n[CASE {i + 1}/{cases.Count}] {demoCase.Args} ({demoCase.CaseType})");
            Runner("  [DEVICES] ['cuda:0', 'cuda:1']");
            Runner($"  [ATTEMPTS] {demoCase.NcclFailures + 1}");
            if (await RunCaseAsync(demoCase, cancellationToken))
            {
                ok++;
            }

            WriteProgress(i + 1, cases.Count, demoCase.Args, "completed_case");
        }

        File.WriteAllText(Path.Join(root, "best_by_case.tsv"), "case\tnote\tfinal_ok\r\n"
            + string.Concat(cases.Select(c => $"{c.Args}\tok\t1\r\n")));
        Runner($"\n[DONE] ok={ok}/{cases.Count} results={Path.Join(root, "best_by_case.tsv")}");
    }

    private void WriteManifest(IReadOnlyList<DemoCase> cases)
    {
        var rows = cases.Select(c => $"{c.Args}\t{c.Method}\t{c.CaseType}\ttrain\tdata/agents/{c.Folder}.yaml\r\n");
        File.WriteAllText(Path.Join(root, "case_manifest.tsv"), "case\tmethod\tcase_type\tmode\tagent_config\r\n" + string.Concat(rows));
    }

    private void WriteProgress(int done, int total, string lastCase, string status)
    {
        state.ProgressText = $"{done}/{total} status={status}";
        state.CaseName = lastCase;
        DemoFiles.WriteJson(Path.Join(root, "progress.json"), new Dictionary<string, object>
        {
            ["done"] = done,
            ["total"] = total,
            ["last_case"] = lastCase,
            ["status"] = status,
        });
    }

    private void Runner(string line)
    {
        DemoFiles.Append(runnerLog, line + "\n");
    }
}
