using BenchmarkDotNet.Attributes;
using Mkdash.Processes;

namespace Mkdash.Benchmarks;

/// <summary>The scans a snapshot repeats every few seconds: /proc for the runner and workers.</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly ProcessScanner scanner = new();

    [Benchmark]
    public int ScanProc() => scanner.Scan().Workers.Count;
}
