using System.Globalization;
using Mkdash.Gpus;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Gpus;

/// <summary>nvidia-smi replaced by scripts on disk that print what real drivers printed.</summary>
public sealed class NvidiaSmiGpuSourceTests : IDisposable
{
    // index, name, uuid, pci.bus_id, utilization.gpu, utilization.memory, memory.used, memory.total,
    // temperature.gpu, power.draw, power.limit
    private const string TwoH200 =
        "0, NVIDIA H200, GPU-1a, 00000000:19:00.0, 86, 41, 17253, 143771, 61, 363.52, 700.00\n"
        + "1, NVIDIA H200, GPU-2b, 00000000:3B:00.0, 76, 30, 17039, 143771, 58, 323.03, 700.00\n";

    private readonly TempWorkspace temp = new();

    private static Task<GpuReadout> Read(string command, double timeoutSeconds = 5)
    {
        var source = new NvidiaSmiGpuSource(command, TimeSpan.FromSeconds(timeoutSeconds), TimeProvider.System);
        return source.ReadAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ReadAsync_ParsesEveryField()
    {
        var readout = await Read(FakeNvidiaSmi.Printing(temp, TwoH200));

        Assert.True(readout.Available);
        Assert.Equal("nvidia-smi", readout.Source);
        Assert.Null(readout.Message);
        Assert.Equal(2, readout.Gpus.Count);
        var expected = new GpuReading
        {
            Index = 0,
            Name = "NVIDIA H200",
            Uuid = "GPU-1a",
            PciBusId = "00000000:19:00.0",
            Utilization = 86,
            MemoryUtilization = 41,
            MemoryUsedMiB = 17253,
            MemoryTotalMiB = 143771,
            TemperatureC = 61,
            PowerW = 363.52,
            PowerLimitW = 700,
        };
        Assert.Equal(expected, readout.Gpus[0]);
    }

    [Fact]
    public async Task ReadAsync_TreatsBracketTokensAsNoValueNeverZero()
    {
        var smi = FakeNvidiaSmi.Printing(
            temp,
            "0, NVIDIA A100, GPU-1a, 00000000:19:00.0, [N/A], [N/A], 100, 200, [Not Supported], [Unknown Error], "
            + "[N/A]\n"
            + "1, [GPU requires reset], [Unknown Error], 00000000:3B:00.0, 5, 1, 1, 2, 3, [Whatever New], 0\n");

        var readout = await Read(smi);

        Assert.Null(readout.Gpus[0].Utilization);
        Assert.Null(readout.Gpus[0].MemoryUtilization);
        Assert.Null(readout.Gpus[0].TemperatureC);
        Assert.Null(readout.Gpus[0].PowerW);
        Assert.Null(readout.Gpus[0].PowerLimitW);
        Assert.Equal(100, readout.Gpus[0].MemoryUsedMiB);
        Assert.Null(readout.Gpus[1].Name);
        Assert.Null(readout.Gpus[1].Uuid);
        Assert.Null(readout.Gpus[1].PowerW);
        Assert.Equal(5, readout.Gpus[1].Utilization);
        Assert.Equal(0, readout.Gpus[1].PowerLimitW);
    }

    [Fact]
    public async Task ReadAsync_StripsUnitsAndReadsNumbersTheSameInEveryCulture()
    {
        var smi = FakeNvidiaSmi.Printing(
            temp, "0, NVIDIA H200, GPU-1a, 0000:19:00.0, 86 %, 41 %, 17253 MiB, 143771 MiB, 61, 363.52 W, 700.00 W\n");
        var before = CultureInfo.CurrentCulture;
        // A culture that writes 363,52 and groups thousands with dots, as German does.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        GpuReadout readout;
        try
        {
            readout = await Read(smi);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        var gpu = readout.Gpus[0];
        Assert.Equal(86, gpu.Utilization);
        Assert.Equal(17253, gpu.MemoryUsedMiB);
        Assert.Equal(363.52, gpu.PowerW);
        Assert.Equal(700, gpu.PowerLimitW);
        Assert.Equal("00000000:19:00.0", gpu.PciBusId);
    }

    [Fact]
    public async Task ReadAsync_WhenTheDriverDoesNotKnowAField_AsksAgainWithoutItAndForgetsIt()
    {
        // An older driver: power.limit is not a field it knows; it says so and exits 2 before any row.
        var calls = Path.Join(temp.Folder, "calls");
        var rows = temp.Write("rows.txt", "0, NVIDIA V100, GPU-1a, 00000000:19:00.0, 50, 20, 100, 16160, 40, 55.1\n");
        var smi = FakeNvidiaSmi.Create(temp, "old", $"""
            echo "$1" >> '{calls}'
            case "$1" in
              *power.limit*) echo 'Field "power.limit" is not a valid field to query.'; exit 2;;
            esac
            cat '{rows}'
            """);
        var source = new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System);

        var first = await source.ReadAsync(CancellationToken.None);
        var second = await source.ReadAsync(CancellationToken.None);

        Assert.True(first.Available);
        Assert.Null(first.Message);
        Assert.Equal(50, first.Gpus[0].Utilization);
        Assert.Equal(55.1, first.Gpus[0].PowerW);
        Assert.Null(first.Gpus[0].PowerLimitW);
        Assert.Equal(50, second.Gpus[0].Utilization);
        Assert.DoesNotContain("power.limit", source.Fields);
        Assert.Equal(3, File.ReadAllLines(calls).Length);
    }

    [Fact]
    public async Task ReadAsync_WhenOneGpuGivesNoHandle_ShowsItFailedWhileTheOtherReports()
    {
        // What nvidia-smi printed with one H200 fallen off the bus: the other's row, and a line for the lost one.
        var smi = FakeNvidiaSmi.Printing(
            temp,
            "Unable to determine the device handle for GPU0000:19:00.0: Unknown Error\n"
            + "1, NVIDIA H200, GPU-2b, 00000000:3B:00.0, 76, 30, 17039, 143771, 58, 323.03, 700.00\n",
            exitCode: 15);

        var readout = await Read(smi);

        Assert.True(readout.Available);
        Assert.Equal(2, readout.Gpus.Count);
        var lost = readout.Gpus[0];
        Assert.Equal(0, lost.Index);
        Assert.Equal("00000000:19:00.0", lost.PciBusId);
        Assert.Equal("Unknown Error", lost.Error);
        Assert.Null(lost.Utilization);
        Assert.Equal(76, readout.Gpus[1].Utilization);
        Assert.Null(readout.Gpus[1].Error);
        Assert.Contains("GPU0: Unknown Error", readout.Message);
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
        var smi = FakeNvidiaSmi.Printing(
            temp, "Failed to initialize NVML: Driver/library version mismatch\n", exitCode: 18);

        var readout = await Read(smi);

        Assert.False(readout.Available);
        Assert.Equal(
            "nvidia-smi exited 18: Failed to initialize NVML: Driver/library version mismatch", readout.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenNvidiaSmiHangs_KillsItAtTheTimeoutAndSaysSo()
    {
        var pidFile = Path.Join(temp.Folder, "pid");
        var smi = FakeNvidiaSmi.Create(temp, "hang", $"echo $$ > '{pidFile}'\nexec sleep 30");
        var started = DateTime.UtcNow;

        var readout = await Read(smi, timeoutSeconds: 0.5);

        Assert.False(readout.Available);
        Assert.Equal($"{smi} did not answer within 0.5 s", readout.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.False(Running(File.ReadAllText(pidFile).Trim()));
    }

    private static bool Running(string pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => temp.Dispose();
}
