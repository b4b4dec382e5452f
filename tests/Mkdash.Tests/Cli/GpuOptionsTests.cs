using Mkdash.Cli;

namespace Mkdash.Tests.Cli;

public sealed class GpuOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("abc")]
    [InlineData("NaN")]
    public void Parse_OfABadGpuInterval_FailsWithOneLine(string value)
    {
        var result = CommandLine.Parse(["--gpu-interval", value], TextWriter.Null);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mkdash: ", result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Parse_WithNothing_ReadsNvmlFirstEveryTwoSeconds()
    {
        var options = CommandLine.Parse([], TextWriter.Null).Options!;

        Assert.Equal("libnvidia-ml.so.1", options.NvmlLibrary);
        Assert.Equal(2, options.GpuIntervalSeconds);
        Assert.Equal("nvidia-smi", options.NvidiaSmi);
    }

    [Fact]
    public void Parse_OfTheGpuOptions_TakesThem()
    {
        var options = CommandLine.Parse(["--gpu-interval", "0.5", "--nvml-library", "off"], TextWriter.Null).Options!;

        Assert.Equal(0.5, options.GpuIntervalSeconds);
        Assert.Equal("off", options.NvmlLibrary);
    }

    [Fact]
    public void Help_ListsTheGpuOptions()
    {
        var output = new StringWriter();

        CommandLine.Parse(["--help"], output);

        Assert.Contains("--gpu-interval", output.ToString());
        Assert.Contains("--nvml-library", output.ToString());
        Assert.Contains("--nvidia-smi", output.ToString());
    }
}
