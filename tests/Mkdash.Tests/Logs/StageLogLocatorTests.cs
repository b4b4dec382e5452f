using Mkdash.Logs;
using Mkdash.Roots;
using Mkdash.Runs;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Logs;

public sealed class StageLogLocatorTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private (RunRoot Root, Attempt Attempt) Setup(string longLogPath)
    {
        var rootPath = temp.Root("case_e2e_1");
        var attempts = temp.Write(
            "attempts.json",
            $$"""[{"variant": "default", "num_envs": 512, "note": "in_progress_long", "probe_rc": 0, "probe_ok": 1, "long_train_log": "{{longLogPath}}"}]""");
        return (new RunRoot("case_e2e_1", rootPath, "auto"), AttemptsReader.Read(attempts).Current!);
    }

    [Fact]
    public void Find_UsesThePathFromAttemptsJsonWhenItIsInsideTheRoot()
    {
        var log = temp.Write("MimicKit/output/train/case_e2e_1/runs/a_args/default_e512/long_train.log", "x\n");
        var (root, attempt) = Setup(log);

        var stage = StageLogLocator.ShownStage(attempt)!;
        var (path, error) = StageLogLocator.Find(root, "a_args", attempt, stage);

        Assert.Equal("long", stage.Stage);
        Assert.Equal(log, path);
        Assert.Null(error);
    }

    [Fact]
    public void Find_RefusesAPathFromAttemptsJsonOutsideTheRoot()
    {
        var secret = temp.Write("secret.txt", "do not show\n");
        var (root, attempt) = Setup(secret);

        var (path, error) = StageLogLocator.Find(root, "a_args", attempt, StageLogLocator.ShownStage(attempt)!);

        Assert.Null(path);
        Assert.Contains("outside the root", error);
    }

    [Fact]
    public void Find_FallsBackToTheRunnersLayoutWhenTheWrittenPathIsFromAnotherMachine()
    {
        var log = temp.Write("MimicKit/output/train/case_e2e_1/runs/a_args/default_e512/long_train.log", "x\n");
        var (root, attempt) = Setup("/data/MimicKit/output/train/case_e2e_1/runs/a_args/default_e512/long_train.log");

        var (path, _) = StageLogLocator.Find(root, "a_args", attempt, StageLogLocator.ShownStage(attempt)!);

        Assert.Equal(log, path);
    }

    public void Dispose() => temp.Dispose();
}
