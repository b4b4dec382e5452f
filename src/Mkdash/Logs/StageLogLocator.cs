using Mkdash.Files;
using Mkdash.Roots;
using Mkdash.Runs;

namespace Mkdash.Logs;

/// <summary>
/// Finds the stdout log of the current attempt's stage. The path comes from attempts.json, so it is
/// only used when it resolves inside the root; otherwise the runner's usual place in the root is tried.
/// </summary>
internal static class StageLogLocator
{
    /// <summary>The running stage, else the last stage that ran; null when none did.</summary>
    public static StageResult? ShownStage(Attempt attempt)
    {
        return attempt.Stages.FirstOrDefault(stage => stage.State == StageState.Running)
            ?? attempt.Stages.LastOrDefault(stage => stage.State != StageState.NotRun);
    }

    /// <summary>The log's path and null, or null and why it cannot be shown.</summary>
    public static (string? Path, string? Error) Find(RunRoot root, string caseFolder, Attempt attempt, StageResult stage)
    {
        if (stage.Log is { Length: > 0 } given && Path.IsPathRooted(given))
        {
            var real = RealPath.Resolve(given);
            if (real is not null)
            {
                return RealPath.IsInside(real, root.Path)
                    ? (real, null)
                    : (null, $"{stage.Stage} log path {given} is outside the root; not read");
            }
        }

        // attempts.json names absolute paths from where the runner ran; the same file under this root will do.
        var fileName = stage.Stage is "probe" or "long" ? $"{stage.Stage}_train.log" : $"{stage.Stage}.log";
        var fallback = Path.Join(root.Path, "runs", caseFolder, $"{attempt.Variant}_e{attempt.NumEnvs}", fileName);
        var resolved = RealPath.Resolve(fallback);
        if (resolved is not null && RealPath.IsInside(resolved, root.Path))
        {
            return (resolved, null);
        }

        return (null, $"{stage.Stage} log not found");
    }
}
