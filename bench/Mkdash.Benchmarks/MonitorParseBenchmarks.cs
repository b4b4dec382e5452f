using BenchmarkDotNet.Attributes;
using Mkdash.Logs;

namespace Mkdash.Benchmarks;

/// <summary>
/// Monitor-log lines to GPU samples, both shapes: parsing 2,160 lines (180 samples of blocks), and the reader
/// taking the last 180 samples (the page's history) from the end of a 50 MB log of each shape.
/// </summary>
[MemoryDiagnoser]
public class MonitorParseBenchmarks
{
    private const int LinesRead = 180 * 12;

    private const long LogBytes = 50L << 20;

    private string folder = "";
    private string blocksLog = "";
    private string recordsLog = "";
    private string[] blocks = [];
    private string[] records = [];

    [GlobalSetup]
    public void Setup()
    {
        var blockLines = File.ReadAllLines(BenchFiles.Fixture("monitor-blocks.log"));
        var recordLines = File.ReadAllLines(BenchFiles.Fixture("monitor-lines.log"));
        blocks = Repeat(blockLines, LinesRead);
        records = Repeat(recordLines, LinesRead);
        folder = Directory.CreateTempSubdirectory("mkdash-bench-monitor-").FullName;
        blocksLog = Write("blocks.log", blockLines);
        recordsLog = Write("lines.log", recordLines);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark]
    public int ReadLast180SamplesBlocksShape() =>
        MonitorLogReader.ReadLastSamples(blocksLog, 180, TimeZoneInfo.Utc).Count;

    [Benchmark]
    public int ReadLast180SamplesLineShape() =>
        MonitorLogReader.ReadLastSamples(recordsLog, 180, TimeZoneInfo.Utc).Count;

    [Benchmark]
    public int BlocksShape2160Lines() => MonitorLogParser.Parse(blocks, TimeZoneInfo.Utc).Count;

    [Benchmark]
    public int LineShape2160Lines() => MonitorLogParser.Parse(records, TimeZoneInfo.Utc).Count;

    private string Write(string name, string[] lines)
    {
        var path = Path.Join(folder, name);
        var text = string.Join('\n', lines) + "\n";
        using var writer = new StreamWriter(path);
        for (long written = 0; written < LogBytes; written += text.Length)
        {
            writer.Write(text);
        }

        return path;
    }

    private static string[] Repeat(string[] lines, int count)
    {
        return [.. Enumerable.Range(0, count).Select(i => lines[i % lines.Length])];
    }
}
