using Mkdash.Cli;

namespace Mkdash.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--history-size", "0")]
    [InlineData("--util-target", "101")]
    [InlineData("--util-target", "abc")]
    [InlineData("--imbalance-gap", "1,5")]
    [InlineData("--history-size", "many")]
    [InlineData("--imbalance-window", "-3")]
    [InlineData("--workspace", "/no/such/place")]
    [InlineData("--no-such-option", "1")]
    [InlineData("--token", "short")]
    [InlineData("--rate-limit", "-1")]
    [InlineData("--max-streams", "0")]
    public void Parse_OfABadValue_FailsWithOneLineAndExitCode2(string option, string value)
    {
        var result = CommandLine.Parse([option, value], TextWriter.Null);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mkdash: ", result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        var output = new StringWriter();

        var result = CommandLine.Parse(["--help"], output);

        Assert.Equal(0, result.ExitCode);
        string[] options =
        [
            "--root-out", "--monitor-log", "--history-size", "--host", "--port", "--workspace", "--log-dir",
            "--runner-log", "--util-target", "--imbalance-gap", "--imbalance-window", "--allow-root-dir", "demo",
            "--token", "--no-auth", "--allowed-host", "--max-streams", "--rate-limit", "MKDASH_TOKEN",
        ];
        Assert.All(options, option => Assert.Contains(option, output.ToString()));
    }

    [Fact]
    public void Parse_WithNothing_UsesTheDocumentedDefaults()
    {
        var options = CommandLine.Parse([], TextWriter.Null).Options!;

        Assert.Equal(8787, options.Port);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(180, options.HistorySize);
        Assert.Equal("/tmp", options.LogDir);
        Assert.Equal(60, options.Thresholds.UtilTarget);
        Assert.Equal(45, options.Thresholds.ImbalanceGap);
        Assert.Equal(12, options.Thresholds.ImbalanceWindow);
        Assert.Equal(Directory.GetCurrentDirectory(), options.Workspace);
    }

    [Fact]
    public void Parse_OfDemo_ChoosesTheDemo()
    {
        var result = CommandLine.Parse(["demo", "--port", "0"], TextWriter.Null);

        Assert.True(result.Demo);
        Assert.Equal(0, result.Options!.Port);
    }
}
