using BenchmarkDotNet.Attributes;
using Mkdash.Files;

namespace Mkdash.Benchmarks;

/// <summary>
/// The last 200 lines of a 1 GB runner log, as each snapshot of a changed log reads them. scripts/bench.sh
/// passes its own file in MKDASH_BENCH_TAIL_FILE, so GNU tail is timed on the very same file.
/// </summary>
[MemoryDiagnoser]
public class TailBenchmarks
{
    public const long LogBytes = 1L << 30;

    private string? folder;
    private string path = "";

    [GlobalSetup]
    public void Setup()
    {
        var given = Environment.GetEnvironmentVariable("MKDASH_BENCH_TAIL_FILE");
        if (!string.IsNullOrEmpty(given))
        {
            path = given;
            return;
        }

        folder = Directory.CreateTempSubdirectory("mkdash-bench-tail-").FullName;
        path = BenchFiles.SparseLog(folder, LogBytes, BenchFiles.RunnerLines(20_000));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark]
    public int Last200LinesOf1GbLog() => TailReader.ReadLastLines(path, 200).Lines.Count;
}
