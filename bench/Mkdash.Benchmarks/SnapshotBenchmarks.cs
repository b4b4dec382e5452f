using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Mkdash.Cli;
using Mkdash.Demo;
using Mkdash.Files;
using Mkdash.Gpus;
using Mkdash.Snapshots;
using Mkdash.Web;

namespace Mkdash.Benchmarks;

/// <summary>
/// One snapshot of a large generated workspace (runner log 300 MB, monitor log 50 MB, 32 cases with three
/// attempts each, simulated GPUs): built with warm caches (nothing changed since the last one, the usual
/// request), built from nothing (every file parsed again), and serialized as /api/status sends it.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the sampler.")]
public class SnapshotBenchmarks
{
    private string folder = "";
    private DashboardOptions options = new();
    private GpuSampler sampler = null!;
    private SnapshotBuilder warm = null!;
    private StatusSnapshot snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("mkdash-bench-snapshot-").FullName;
        BenchFiles.Workspace(folder, "--runner-mb", "300", "--monitor-mb", "50", "--cases", "32");
        options = new DashboardOptions
        {
            Workspace = Path.Join(folder, "MimicKit"),
            LogDir = Path.Join(folder, "logs"),
        };
        var gpus = new SimulatedGpuSource(new DemoState(), TimeProvider.System);
        sampler = new GpuSampler(gpus, new GpuSamplerOptions(), TimeProvider.System, NullLogger<GpuSampler>.Instance);
        warm = NewBuilder();
        snapshot = warm.BuildAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        if (snapshot.Root.Name is null || snapshot.RunnerLog.Lines.Count != options.LogLines)
        {
            throw new InvalidOperationException("the generated workspace did not give a full snapshot");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, DashboardJsonContext.Default.StatusSnapshot).Length;
        Console.WriteLine($"// snapshot JSON: {bytes} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sampler.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark]
    public async Task<long> BuildWarm() => (await warm.BuildAsync(null, CancellationToken.None)).GeneratedMs;

    [Benchmark]
    public async Task<long> BuildFromNothing() =>
        (await NewBuilder().BuildAsync(null, CancellationToken.None)).GeneratedMs;

    [Benchmark]
    public int Serialize() =>
        JsonSerializer.SerializeToUtf8Bytes(snapshot, DashboardJsonContext.Default.StatusSnapshot).Length;

    private SnapshotBuilder NewBuilder()
    {
        return new SnapshotBuilder(
            options, sampler, TimeProvider.System, new ReadPolicy(options, NullLogger<ReadPolicy>.Instance));
    }
}
