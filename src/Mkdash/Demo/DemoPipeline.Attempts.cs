using System.Globalization;

namespace Mkdash.Demo;

/// <summary>The demo's attempts: each runs its stages and rewrites attempts.json in place at every step.</summary>
internal sealed partial class DemoPipeline
{
    private async Task<bool> RunCaseAsync(DemoCase demoCase, CancellationToken cancellationToken)
    {
        var caseDir = Path.Join(root, "runs", demoCase.Folder);
        Directory.CreateDirectory(caseDir);
        var attemptsPath = Path.Join(caseDir, "attempts.json");
        var attempts = new List<Dictionary<string, object?>>();
        int[] ladder = [512, 256, 128];

        for (var a = 0; a <= demoCase.NcclFailures; a++)
        {
            var numEnvs = ladder[Math.Min(a, ladder.Length - 1)];
            var outDir = Path.Join(caseDir, $"default_e{numEnvs}");
            Directory.CreateDirectory(outDir);
            var attempt = NewAttempt(demoCase, numEnvs, outDir);
            attempts.Add(attempt);

            var fails = a < demoCase.NcclFailures;
            var result = await RunStagesAsync(attempt, attempts, attemptsPath, outDir, fails, cancellationToken);
            Runner($"  [TRY default e{numEnvs}] {result}");
            if (!fails)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<string> RunStagesAsync(
        Dictionary<string, object?> attempt,
        List<Dictionary<string, object?>> attempts,
        string attemptsPath,
        string outDir,
        bool fails,
        CancellationToken cancellationToken)
    {
        foreach (var (stage, seconds) in Stages)
        {
            attempt["note"] = $"in_progress_{stage}";
            state.Stage = stage;
            state.Note = $"in_progress_{stage}";
            state.Failing = false;
            DemoFiles.WriteJson(attemptsPath, attempts);
            var log = Path.Join(outDir, stage is "probe" or "long" ? $"{stage}_train.log" : $"{stage}.log");
            DemoFiles.Append(log, $"Using master port: {29500 + Random.Shared.Next(400)}\nSetting seed: 42\n");

            for (var t = 1; t <= seconds; t++)
            {
                await Task.Delay(Tick, time, cancellationToken);
                DemoFiles.Append(log, DemoFiles.IterationTable(t, t * 32768L, 10 + t * 3.2, 8 + t * 3.1));
                attempt[$"{stage}_elapsed_sec"] = (double)t;
                if (stage == "long")
                {
                    attempt["long_budget_elapsed_sec"] = (double)t;
                    WriteTrainingLog(outDir, t);
                    state.Failing = fails && t > seconds / 2;
                    if (fails && t == seconds - 2)
                    {
                        return FailWithNccl(attempt, attempts, attemptsPath, log);
                    }
                }

                DemoFiles.WriteJson(attemptsPath, attempts);
            }

            attempt[$"{stage}_rc"] = 0;
            attempt[$"{stage}_ok"] = 1;
            if (stage == "long")
            {
                attempt["long_budget_reached"] = 1;
                attempt["long_stop_reason"] = "long_budget_reached_SIGINT";
            }
        }

        attempt["final_ok"] = 1;
        attempt["note"] = "ok";
        state.Note = "ok";
        DemoFiles.WriteJson(attemptsPath, attempts);
        return "probe=ok long=ok test=ok viz=ok final=ok";
    }

    private string FailWithNccl(
        Dictionary<string, object?> attempt,
        List<Dictionary<string, object?>> attempts,
        string attemptsPath,
        string log)
    {
        DemoFiles.Append(log, DemoFiles.NcclFailure);
        attempt["long_rc"] = 1;
        attempt["long_stop_reason"] = "long_exit";
        attempt["note"] = "long_nccl";
        state.Note = "long_nccl";
        state.Failing = false;
        state.Stage = "idle";
        DemoFiles.WriteJson(attemptsPath, attempts);
        return "probe=ok long_nccl";
    }

    private static void WriteTrainingLog(string outDir, int t)
    {
        var dir = Path.Join(outDir, "long_train");
        Directory.CreateDirectory(dir);
        var path = Path.Join(dir, "log.txt");
        if (t == 1)
        {
            File.WriteAllText(path, DemoFiles.TrainingRow("Iteration", "Wall_Time(hours)", "Samples", "Test_Return", "Train_Return"));
        }

        DemoFiles.Append(path, DemoFiles.TrainingRow(t * 100, t * 0.0003, t * 3276800L, 10 + t * 3.2, 8 + t * 3.1));
    }

    private static Dictionary<string, object?> NewAttempt(DemoCase demoCase, int numEnvs, string outDir)
    {
        var attempt = new Dictionary<string, object?>
        {
            ["case"] = demoCase.Args,
            ["method"] = demoCase.Method,
            ["case_type"] = demoCase.CaseType,
            ["variant"] = "default",
            ["agent_config"] = $"data/agents/{demoCase.Folder.Replace("_args", "_agent", StringComparison.Ordinal)}.yaml",
            ["num_envs"] = numEnvs,
        };
        foreach (var (stage, _) in Stages)
        {
            attempt[$"{stage}_rc"] = -1;
            attempt[$"{stage}_ok"] = 0;
        }

        attempt["long_mode"] = "time_budget";
        attempt["long_budget_target_sec"] = (double)Stages[1].Seconds;
        attempt["long_budget_elapsed_sec"] = 0.0;
        attempt["long_budget_reached"] = 0;
        attempt["long_stop_reason"] = "";
        attempt["alloc_source"] = "profile";
        attempt["final_ok"] = 0;
        attempt["note"] = "in_progress_probe";
        attempt["out_dir"] = outDir;
        attempt["probe_train_log"] = Path.Join(outDir, "probe_train.log");
        attempt["long_train_log"] = Path.Join(outDir, "long_train.log");
        attempt["test_log"] = Path.Join(outDir, "test.log");
        attempt["viz_log"] = Path.Join(outDir, "viz.log");
        attempt["demo_seed"] = int.Parse("42", CultureInfo.InvariantCulture);
        return attempt;
    }
}
