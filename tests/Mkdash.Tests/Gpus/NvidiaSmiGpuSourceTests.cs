using Mkdash.Gpus;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Gpus;

public sealed class NvidiaSmiGpuSourceTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static Task<GpuReadout> Read(string command, double timeoutSeconds = 5)
    {
        var source = new NvidiaSmiGpuSource(command, TimeSpan.FromSeconds(timeoutSeconds), TimeProvider.System);
        return source.ReadAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReadAsync_ParsesEveryField()
    {
        var smi = FakeNvidiaSmi.Printing(temp, "0, NVIDIA H200, 86, 17253, 143771, 61, 363.52\n1, NVIDIA H200, 76, 17039, 143771, 58, 323.03\n");

        var readout = await Read(smi);

        Assert.True(readout.Available);
        Assert.Null(readout.Message);
        Assert.Equal(2, readout.Gpus.Count);
        Assert.Equal(new GpuReading(0, "NVIDIA H200", 86, 17253, 143771, 61, 363.52), readout.Gpus[0]);
    }

    [Fact]
    public async Task ReadAsync_TreatsBracketTokensAsNoValueNeverZero()
    {
        var smi = FakeNvidiaSmi.Printing(
            temp, "0, NVIDIA A100, [N/A], 100, 200, [Not Supported], [Unknown Error]\n1, [GPU requires reset], 5, 1, 2, 3, [Whatever New]\n");

        var readout = await Read(smi);

        Assert.Null(readout.Gpus[0].Utilization);
        Assert.Null(readout.Gpus[0].TemperatureC);
        Assert.Null(readout.Gpus[0].PowerW);
        Assert.Null(readout.Gpus[1].Name);
        Assert.Null(readout.Gpus[1].PowerW);
        Assert.Equal(5, readout.Gpus[1].Utilization);
    }

    [Fact]
    public async Task ReadAsync_WithoutNvidiaSmi_IsUnavailableNotAnError()
    {
        var readout = await Read(Path.Join(temp.Folder, "no-such-nvidia-smi"));

        Assert.False(readout.Available);
        Assert.Contains("not found", readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WithNoDevices_SaysNoGpu()
    {
        var smi = FakeNvidiaSmi.Printing(temp, "No devices were found\n", exitCode: 9);

        var readout = await Read(smi);

        Assert.False(readout.Available);
        Assert.Equal("no GPU found", readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WithADriverMismatch_PassesTheDriversWordsOn()
    {
        var smi = FakeNvidiaSmi.Printing(temp, "Failed to initialize NVML: Driver/library version mismatch\n", exitCode: 18);

        var readout = await Read(smi);

        Assert.False(readout.Available);
        Assert.Contains("Driver/library version mismatch", readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenNvidiaSmiHangs_GivesUpAtTheTimeout()
    {
        var smi = FakeNvidiaSmi.Create(temp, "hang", "exec sleep 30");
        var started = DateTime.UtcNow;

        var readout = await Read(smi, timeoutSeconds: 0.5);

        Assert.False(readout.Available);
        Assert.Contains("did not answer", readout.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    public void Dispose() => temp.Dispose();
}
