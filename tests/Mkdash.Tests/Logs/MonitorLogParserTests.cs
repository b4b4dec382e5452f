using Mkdash.Logs;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Logs;

public sealed class MonitorLogParserTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public void Parse_OfBlocks_GivesOneSampleABlockWithEveryGpuRow()
    {
        var lines = Fixture.Text("monitor-blocks.log").Split('\n');

        var samples = MonitorLogParser.Parse(lines, TimeZoneInfo.Utc);

        Assert.Equal(lines.Count(line => line.StartsWith("=== ", StringComparison.Ordinal)), samples.Count);
        var first = samples[0];
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 19, 12, 39, TimeSpan.Zero).ToUnixTimeMilliseconds(), first.TimeMs);
        Assert.Equal([0, 1], first.Gpus.Select(g => g.Index));
        Assert.Equal(2, first.Gpus[0].Utilization);
        Assert.Equal(470, first.Gpus[0].MemoryUsedMiB);
        Assert.Equal(24564, first.Gpus[0].MemoryTotalMiB);
        Assert.Equal(19.43, first.Gpus[0].PowerW);
        Assert.Equal(86, samples[1].Gpus[0].Utilization);
    }

    [Fact]
    public void Parse_OfLines_ReadsUtilizationMemoryAndPower()
    {
        var samples = MonitorLogParser.Parse(Fixture.Text("monitor-lines.log").Split('\n'), TimeZoneInfo.Utc);

        Assert.Equal(12, samples.Count);
        Assert.Equal(77, samples[1].Gpus[0].Utilization);
        Assert.Equal(88, samples[1].Gpus[1].Utilization);
        Assert.Equal(17046, samples[1].Gpus[1].MemoryUsedMiB);
        Assert.Equal(353.97, samples[1].Gpus[1].PowerW);
    }

    [Fact]
    public void Parse_OfLines_MatchesEachGpusMemoryAndPowerByItsNumber()
    {
        string[] lines =
        [
            "2026-12-03 19:12:39 | root=r | GPU0=50% GPU10=60% "
                + "| mem10=100MiB mem0=200Mi mem1=300MiB | pw0=30 pw10=40.5W",
        ];

        var gpus = MonitorLogParser.Parse(lines, TimeZoneInfo.Utc).Single().Gpus;

        Assert.Equal([0, 10], gpus.Select(gpu => gpu.Index));
        Assert.Equal(200, gpus[0].MemoryUsedMiB);
        Assert.Equal(30, gpus[0].PowerW);
        Assert.Equal(100, gpus[1].MemoryUsedMiB);
        Assert.Equal(40.5, gpus[1].PowerW);
    }

    [Fact]
    public void Parse_TreatsBracketTokensAsNoValue()
    {
        string[] lines = ["=== 2026-12-03 19:12:39 ===", "0, [N/A], 470 MiB, 24564 MiB, [Not Supported]", "1, 5 %, 1 MiB, 2 MiB, 3 W"];

        var sample = Assert.Single(MonitorLogParser.Parse(lines, TimeZoneInfo.Utc));

        Assert.Null(sample.Gpus[0].Utilization);
        Assert.Null(sample.Gpus[0].PowerW);
        Assert.Equal(5, sample.Gpus[1].Utilization);
    }

    [Fact]
    public void Parse_DropsALastBlockThatIsStillBeingWritten()
    {
        string[] lines =
        [
            "=== 2026-12-03 19:12:39 ===", "0, 5 %, 1 MiB, 2 MiB, 3 W", "1, 6 %, 1 MiB, 2 MiB, 3 W",
            "=== 2026-12-03 19:12:41 ===", "0, 7 %, 1 MiB, 2 MiB, 3 W",
        ];

        Assert.Single(MonitorLogParser.Parse(lines, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Parse_IgnoresGarbage()
    {
        string[] lines = ["\uFFFD\uFFFD", "GPU0=", "2026-13-45 99:99:99 | GPU0=5%", "=== not a time ===", ""];

        Assert.Empty(MonitorLogParser.Parse(lines, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ReadLastSamples_ReturnsOnlyTheNewest()
    {
        var path = temp.Write("m.log", string.Concat(Enumerable.Range(0, 500).Select(i =>
            $"2026-12-03 19:{i / 60 % 60:00}:{i % 60:00} | GPU0={i % 100}% GPU1=50%\n")));

        var samples = MonitorLogReader.ReadLastSamples(path, 180, TimeZoneInfo.Utc);

        Assert.Equal(180, samples.Count);
        Assert.Equal(499 % 100, samples[^1].Gpus[0].Utilization);
    }

    [Fact]
    public void ReadLastSamples_OfBlocks_ReadsFurtherBackUntilItHasEnough()
    {
        var block = string.Concat(Enumerable.Range(0, 20).Select(i => "noise line between blocks\n"));
        var path = temp.Write("m.log", string.Concat(Enumerable.Range(0, 100).Select(i =>
            $"=== 2026-12-03 19:{i / 60:00}:{i % 60:00} ===\n0, {i} %, 1 MiB, 2 MiB, 3 W\n{block}")));

        var samples = MonitorLogReader.ReadLastSamples(path, 50, TimeZoneInfo.Utc);

        Assert.Equal(50, samples.Count);
        Assert.Equal(50, samples[0].Gpus[0].Utilization);
    }

    public void Dispose() => temp.Dispose();
}
