using Microsoft.Extensions.Logging.Abstractions;
using Mkdash.Gpus;
using Mkdash.Gpus.Nvml;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Gpus;

/// <summary>The real P/Invoke code against a fake libnvidia-ml.so built from Support/fake_nvml.c.</summary>
public sealed class NvmlGpuSourceTests : IDisposable
{
    private const string SmiRows =
        "0, NVIDIA H200, GPU-a, 00000000:19:00.0, 12, 3, 100, 143771, 40, 80.5, 700.00\n";

    private readonly TempWorkspace temp = new();
    private readonly List<IDisposable> sources = [];

    private NvmlGpuSource Source(
        string library,
        string? smi = null,
        double timeoutSeconds = 5,
        double retrySeconds = 60,
        string procRoot = "/proc")
    {
        var fallback = new NvidiaSmiGpuSource(
            smi ?? Path.Join(temp.Folder, "no-nvidia-smi"), TimeSpan.FromSeconds(5), TimeProvider.System);
        var options = new NvmlOptions
        {
            Library = library,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            RetryAfter = TimeSpan.FromSeconds(retrySeconds),
            ProcRoot = procRoot,
        };
        var source = new NvmlGpuSource(options, fallback, TimeProvider.System, NullLogger<NvmlGpuSource>.Instance);
        sources.Add(source);
        return source;
    }

    [Fact]
    public async Task ReadAsync_WithTheFakeLibrary_ReadsEveryField()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(Environment.ProcessId));

        var readout = await Source(library).ReadAsync(CancellationToken.None);

        Assert.True(readout.Available);
        Assert.Equal("NVML", readout.Source);
        Assert.Null(readout.SourceReason);
        Assert.Null(readout.Message);
        var gpu = readout.Gpus[0];
        Assert.Equal(0, gpu.Index);
        Assert.Equal("NVIDIA H200", gpu.Name);
        Assert.Equal("GPU-11111111-2222-3333-4444-555555555555", gpu.Uuid);
        Assert.Equal("00000000:19:00.0", gpu.PciBusId);
        Assert.Equal(86, gpu.Utilization);
        Assert.Equal(41, gpu.MemoryUtilization);
        Assert.Equal(17253, gpu.MemoryUsedMiB);
        Assert.Equal(143771, gpu.MemoryTotalMiB);
        Assert.Equal(61, gpu.TemperatureC);
        Assert.Equal(363.52, gpu.PowerW);
        Assert.Equal(700, gpu.PowerLimitW);
        Assert.Empty(gpu.Processes!);
        Assert.Null(gpu.Error);

        // Bus ids read as NVML or lower-case come out in one spelling.
        Assert.Equal("00000000:3B:00.0", readout.Gpus[1].PciBusId);
        var processes = readout.Gpus[1].Processes!;
        Assert.Equal(2, processes.Count);
        Assert.Equal(Environment.ProcessId, processes[0].Pid);
        Assert.Equal(16000, processes[0].UsedMemoryMiB);
        var own = File.ReadAllText("/proc/self/cmdline").Split('\0')[0];
        Assert.StartsWith(own, processes[0].CommandLine);

        // A pid /proc does not show (ended, another namespace) and memory the driver cannot tell are no value.
        Assert.Equal(999999999, processes[1].Pid);
        Assert.Null(processes[1].UsedMemoryMiB);
        Assert.Null(processes[1].CommandLine);
    }

    [Fact]
    public async Task ReadAsync_ReadsACommandLineOncePerProcessWhileItStaysOnTheGpu()
    {
        var procRoot = Path.Join(temp.Folder, "proc");
        temp.Write("proc/4242/cmdline", "python\0mimickit/run.py\0--mode\0train\0");
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(4242));
        var source = Source(library, procRoot: procRoot);
        var first = await source.ReadAsync(CancellationToken.None);

        // Same pid still on the GPU: /proc is not read again.
        temp.Write("proc/4242/cmdline", "changed\0");
        var second = await source.ReadAsync(CancellationToken.None);

        // Gone for one sample and back (a new process with that pid): read again.
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(1));
        await source.ReadAsync(CancellationToken.None);
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(4242) + "\n");
        var third = await source.ReadAsync(CancellationToken.None);

        Assert.Equal("python mimickit/run.py --mode train", first.Gpus[1].Processes![0].CommandLine);
        Assert.Equal("python mimickit/run.py --mode train", second.Gpus[1].Processes![0].CommandLine);
        Assert.Equal("changed", third.Gpus[1].Processes![0].CommandLine);
    }

    [Fact]
    public async Task ReadAsync_WithAnOldDriver_UsesItsCallsAndTheirLayout()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(Environment.ProcessId), oldDriver: true);

        var readout = await Source(library).ReadAsync(CancellationToken.None);

        Assert.Equal("NVML", readout.Source);
        Assert.Equal("00000000:3B:00.0", readout.Gpus[1].PciBusId);
        var processes = readout.Gpus[1].Processes!;
        Assert.Equal([Environment.ProcessId, 999999999], processes.Select(process => process.Pid));
        Assert.Equal(16000, processes[0].UsedMemoryMiB);
        Assert.Null(processes[1].UsedMemoryMiB);
    }

    [Fact]
    public async Task ReadAsync_WhenTheDriverGoesAwayMidSession_FallsBackAndSaysWhy()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(1));
        var source = Source(library, FakeNvidiaSmi.Printing(temp, SmiRows));
        Assert.Equal("NVML", (await source.ReadAsync(CancellationToken.None)).Source);

        // NVML_ERROR_DRIVER_NOT_LOADED from a device call: NVML as a whole is gone, not one GPU.
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(1) + "gpu0.lost=9\n");
        var readout = await source.ReadAsync(CancellationToken.None);

        Assert.Equal("nvidia-smi", readout.Source);
        Assert.Equal("NVML: NVIDIA driver is not loaded", readout.SourceReason);
        Assert.Equal(12, readout.Gpus[0].Utilization);
    }

    [Fact]
    public async Task ReadAsync_ManyTimes_InitialisesOnceAndKeepsTheHandles()
    {
        var calls = Path.Join(temp.Folder, "calls.log");
        var library = FakeNvml.Create(temp, $"calls={calls}\n" + FakeNvml.TwoGpus(1));
        var source = Source(library);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(2, (await source.ReadAsync(CancellationToken.None)).Gpus.Count);
        }

        Assert.Equal(["init", "handle 0", "handle 1"], File.ReadAllLines(calls));
    }

    [Fact]
    public async Task ReadAsync_WhenAFieldIsNotSupported_LosesThatFieldAlone()
    {
        var library = FakeNvml.Create(
            temp,
            FakeNvml.TwoGpus(1) + "gpu0.error.power=3\ngpu0.error.procs=3\ngpu1.error.uuid=3\ngpu1.error.temp=42\n");

        var readout = await Source(library).ReadAsync(CancellationToken.None);

        var gpu = readout.Gpus[0];
        Assert.Null(gpu.PowerW);
        Assert.Null(gpu.Processes);
        Assert.Equal(700, gpu.PowerLimitW);
        Assert.Equal(86, gpu.Utilization);
        Assert.Null(gpu.Error);
        Assert.Null(readout.Gpus[1].Uuid);
        Assert.Null(readout.Gpus[1].TemperatureC);
        Assert.Equal("NVIDIA H200", readout.Gpus[1].Name);
        Assert.Null(readout.Gpus[1].Error);
        Assert.Null(readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenOneGpuIsLost_ShowsItFailedWhileTheOtherReports()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(1));
        var source = Source(library);
        await source.ReadAsync(CancellationToken.None);
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(1) + "gpu1.lost=15\n");

        var readout = await source.ReadAsync(CancellationToken.None);

        Assert.True(readout.Available);
        Assert.Equal("NVML", readout.Source);
        Assert.Equal(86, readout.Gpus[0].Utilization);
        Assert.Null(readout.Gpus[0].Error);
        var lost = readout.Gpus[1];
        Assert.Equal("GPU is lost (fallen off the bus)", lost.Error);
        Assert.Null(lost.Utilization);
        Assert.Null(lost.Processes);

        // Still named by what it was, so the user knows which card to look at.
        Assert.Equal("00000000:3B:00.0", lost.PciBusId);
        Assert.Equal("NVIDIA H200", lost.Name);
        Assert.Contains("GPU1: GPU is lost", readout.Message);

        // Back after a reset: asked for a new handle, reporting again.
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(1) + "\n");
        var back = await source.ReadAsync(CancellationToken.None);
        Assert.Null(back.Gpus[1].Error);
        Assert.Equal(76, back.Gpus[1].Utilization);
    }

    [Fact]
    public async Task ReadAsync_WhenAGpuGivesNoHandle_SaysWhyInTheLibrarysWords()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(1) + "gpu0.handle_error=42\n");

        var readout = await Source(library).ReadAsync(CancellationToken.None);

        Assert.Equal("Fake error forty-two", readout.Gpus[0].Error);
        Assert.Equal(76, readout.Gpus[1].Utilization);
    }

    [Fact]
    public async Task ReadAsync_WhenInitFailsWithAVersionMismatch_FallsBackToNvidiaSmiAndSaysWhy()
    {
        var library = FakeNvml.Create(temp, "init=18\n");
        var smi = FakeNvidiaSmi.Printing(temp, SmiRows);

        var readout = await Source(library, smi).ReadAsync(CancellationToken.None);

        Assert.True(readout.Available);
        Assert.Equal("nvidia-smi", readout.Source);
        Assert.Equal("NVML: Driver/library version mismatch", readout.SourceReason);
        Assert.Equal(12, readout.Gpus[0].Utilization);
        Assert.Equal(700, readout.Gpus[0].PowerLimitW);
    }

    [Fact]
    public async Task ReadAsync_AfterInitFailed_TriesNvmlAgainLater()
    {
        var library = FakeNvml.Create(temp, "init=18\n");
        var source = Source(library, FakeNvidiaSmi.Printing(temp, SmiRows), retrySeconds: 0.2);
        Assert.Equal("nvidia-smi", (await source.ReadAsync(CancellationToken.None)).Source);
        FakeNvml.Rewrite(library, FakeNvml.TwoGpus(1));

        await Task.Delay(300);
        var readout = await source.ReadAsync(CancellationToken.None);

        Assert.Equal("NVML", readout.Source);
        Assert.Null(readout.SourceReason);
    }

    [Fact]
    public async Task ReadAsync_WithoutTheLibrary_FallsBackAndSaysItIsMissing()
    {
        var readout = await Source(Path.Join(temp.Folder, "libnvidia-ml.so.1"), FakeNvidiaSmi.Printing(temp, SmiRows))
            .ReadAsync(CancellationToken.None);

        Assert.Equal("nvidia-smi", readout.Source);
        Assert.StartsWith("NVML: ", readout.SourceReason);
        Assert.Contains("not found", readout.SourceReason);
    }

    [Fact]
    public async Task ReadAsync_WithNvmlOff_AsksNvidiaSmiOnly()
    {
        var readout = await Source("off", FakeNvidiaSmi.Printing(temp, SmiRows)).ReadAsync(CancellationToken.None);

        Assert.Equal("nvidia-smi", readout.Source);
        Assert.Equal("NVML: turned off", readout.SourceReason);
    }

    [Fact]
    public async Task ReadAsync_WithNoGpu_IsUnavailable()
    {
        var library = FakeNvml.Create(temp, "count=0\n");

        var readout = await Source(library).ReadAsync(CancellationToken.None);

        Assert.False(readout.Available);
        Assert.Equal("no GPU found", readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenTheDriverHangs_GivesUpAtTheTimeoutAndNeverPilesUpCalls()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(1) + "gpu0.sleep_ms=1500\n");
        var source = Source(library, timeoutSeconds: 0.3);
        var started = DateTime.UtcNow;

        var first = await source.ReadAsync(CancellationToken.None);
        var second = await source.ReadAsync(CancellationToken.None);

        Assert.False(first.Available);
        Assert.Equal("NVML did not answer within 0.3 s", first.Message);
        Assert.Equal("an NVML call has not returned yet", second.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.2));
    }

    public void Dispose()
    {
        foreach (var source in sources)
        {
            source.Dispose();
        }

        temp.Dispose();
    }
}
