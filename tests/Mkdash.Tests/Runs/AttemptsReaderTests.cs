using Mkdash.Runs;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Runs;

public sealed class AttemptsReaderTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public void Read_OfTheRunnersFile_FindsBothNcclAttempts()
    {
        var list = AttemptsReader.Read(Fixture.Path("attempts.json"));

        Assert.Equal(2, list.Attempts.Count);
        Assert.All(list.Attempts, attempt => Assert.Equal("long_nccl", attempt.Note));
        Assert.Equal("default e256", list.Current!.Label);
        Assert.Same(list.Attempts[1], list.Current);
    }

    [Fact]
    public void Read_GivesEachStageItsState()
    {
        var attempt = AttemptsReader.Read(Fixture.Path("attempts.json")).Attempts[0];

        var states = attempt.Stages.ToDictionary(stage => stage.Stage, stage => stage.State);

        Assert.Equal(StageState.Ok, states["probe"]);
        Assert.Equal(StageState.Failed, states["long"]);
        Assert.Equal(StageState.NotRun, states["test"]);
        Assert.Equal(StageState.NotRun, states["viz"]);
        Assert.Equal(2.18, attempt.Stages[0].ElapsedSec);
        Assert.EndsWith("long_train.log", attempt.Stages[1].Log);
    }

    [Fact]
    public void Read_KeepsEveryKeyIncludingUnknownOnes()
    {
        var attempt = AttemptsReader.Read(Fixture.Path("attempts.json")).Attempts[0];

        Assert.Equal(43, attempt.Fields.Count);
        Assert.Equal("SIGINT", attempt.Fields["long_budget_signal"].GetString());
    }

    [Fact]
    public void Read_PicksTheInProgressAttemptOverTheLast()
    {
        var path = temp.Write("attempts.json", """
            [{"variant": "default", "num_envs": 512, "note": "in_progress_long", "long_rc": -1},
             {"variant": "hiutil", "num_envs": 256, "note": "unrun"}]
            """);

        var list = AttemptsReader.Read(path);

        Assert.Equal("default e512", list.Current!.Label);
        Assert.Equal(StageState.Running, list.Current.Stages[1].State);
    }

    [Fact]
    public void Read_OfAnOlderRunnerWithFewKeys_LeavesTheRestEmpty()
    {
        var path = temp.Write("attempts.json", """[{"case": "a_args.txt", "note": "ok", "probe_rc": 0, "probe_ok": 1}]""");

        var attempt = AttemptsReader.Read(path).Current!;

        Assert.Equal("? e?", attempt.Label);
        Assert.Null(attempt.Budget);
        Assert.Equal(StageState.Ok, attempt.Stages[0].State);
        Assert.Equal(StageState.NotRun, attempt.Stages[1].State);
    }

    [Fact]
    public void Read_TellsATimeoutFromAFailure()
    {
        var path = temp.Write("attempts.json", """[{"probe_rc": 124, "probe_ok": 0, "long_rc": 1, "long_ok": 0, "note": "probe_timeout"}]""");

        var stages = AttemptsReader.Read(path).Current!.Stages;

        Assert.Equal(StageState.Timeout, stages[0].State);
        Assert.Equal(StageState.Failed, stages[1].State);
    }

    [Fact]
    public void Read_ComputesBudgetProgress()
    {
        var budget = AttemptsReader.Read(Fixture.Path("attempts.json")).Attempts[0].Budget!;

        Assert.Equal("time_budget", budget.Mode);
        Assert.Equal(59.8, budget.Percent);
        Assert.False(budget.Reached);
    }

    [Fact]
    public void Read_OfAnObject_SaysItWantedAnArray()
    {
        var path = temp.Write("attempts.json", """{"note": "ok"}""");

        var error = Assert.Throws<InvalidDataException>(() => AttemptsReader.Read(path));

        Assert.Contains("expected a JSON array", error.Message);
    }

    [Fact]
    public void Read_OfAnEmptyArray_HasNoCurrentAttempt()
    {
        var path = temp.Write("attempts.json", "[]");

        Assert.Null(AttemptsReader.Read(path).Current);
    }

    [Theory]
    [InlineData("add_go2_args.txt", "add_go2_args")]
    [InlineData("add_go2_args", "add_go2_args")]
    [InlineData("../../etc/passwd", null)]
    [InlineData("..", null)]
    [InlineData("", null)]
    public void CaseFolder_MapsArgsFilesAndRefusesPaths(string lastCase, string? expected)
    {
        Assert.Equal(expected, CaseFolder.For(lastCase));
    }

    public void Dispose() => temp.Dispose();
}
