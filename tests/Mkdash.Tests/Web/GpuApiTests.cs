using System.Net;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>The GPU part of /api/status, through the real server and the real NVML code on the fake library.</summary>
public sealed class GpuApiTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static async Task<JsonElement> Gpus(DashboardFactory factory)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("gpus");
    }

    [Fact]
    public async Task Status_WithTheFakeNvml_ShowsEveryField()
    {
        temp.SampleRoot();
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(Environment.ProcessId) + "gpu0.error.limit=3\n");
        using var factory = new DashboardFactory(temp, new() { ["nvml-library"] = library });

        var gpus = await Gpus(factory);

        Assert.True(gpus.GetProperty("available").GetBoolean());
        Assert.Equal("NVML", gpus.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, gpus.GetProperty("sourceReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, gpus.GetProperty("message").ValueKind);
        var gpu = gpus.GetProperty("gpus")[1];
        Assert.Equal(1, gpu.GetProperty("index").GetInt32());
        Assert.Equal("NVIDIA H200", gpu.GetProperty("name").GetString());
        Assert.Equal("GPU-66666666-7777-8888-9999-000000000000", gpu.GetProperty("uuid").GetString());
        Assert.Equal("00000000:3B:00.0", gpu.GetProperty("pciBusId").GetString());
        Assert.Equal(76, gpu.GetProperty("utilization").GetDouble());
        Assert.Equal(30, gpu.GetProperty("memoryUtilization").GetDouble());
        Assert.Equal(17039, gpu.GetProperty("memoryUsedMiB").GetDouble());
        Assert.Equal(143771, gpu.GetProperty("memoryTotalMiB").GetDouble());
        Assert.Equal(58, gpu.GetProperty("temperatureC").GetDouble());
        Assert.Equal(323.03, gpu.GetProperty("powerW").GetDouble());
        Assert.Equal(700, gpu.GetProperty("powerLimitW").GetDouble());
        Assert.Equal(JsonValueKind.Null, gpu.GetProperty("error").ValueKind);
        var process = gpu.GetProperty("processes")[0];
        Assert.Equal(Environment.ProcessId, process.GetProperty("pid").GetInt32());
        Assert.Equal(16000, process.GetProperty("usedMemoryMiB").GetDouble());
        Assert.False(string.IsNullOrEmpty(process.GetProperty("commandLine").GetString()));

        // A field GPU0 does not support is null, not 0; its empty process list is a list.
        var first = gpus.GetProperty("gpus")[0];
        Assert.Equal(JsonValueKind.Null, first.GetProperty("powerLimitW").ValueKind);
        Assert.Equal(0, first.GetProperty("processes").GetArrayLength());
    }

    [Fact]
    public async Task Status_WithAVersionMismatch_FallsBackToNvidiaSmiAndSaysWhy()
    {
        var library = FakeNvml.Create(temp, "init=18\n");
        var smi = FakeNvidiaSmi.Printing(
            temp, "0, NVIDIA H200, GPU-a, 00000000:19:00.0, 91, 40, 1000, 143771, 60, 500, 700\n");
        using var factory = new DashboardFactory(temp, new() { ["nvml-library"] = library, ["nvidia-smi"] = smi });

        var gpus = await Gpus(factory);

        Assert.Equal("nvidia-smi", gpus.GetProperty("source").GetString());
        Assert.Equal("NVML: Driver/library version mismatch", gpus.GetProperty("sourceReason").GetString());
        Assert.Equal(91, gpus.GetProperty("gpus")[0].GetProperty("utilization").GetDouble());
        Assert.Equal(JsonValueKind.Null, gpus.GetProperty("gpus")[0].GetProperty("processes").ValueKind);
    }

    [Fact]
    public async Task Status_WithALostGpu_ShowsItFailedAndTheOtherReporting()
    {
        var library = FakeNvml.Create(temp, FakeNvml.TwoGpus(1) + "gpu0.lost=15\n");
        using var factory = new DashboardFactory(temp, new() { ["nvml-library"] = library });

        var gpus = await Gpus(factory);

        Assert.True(gpus.GetProperty("available").GetBoolean());
        Assert.Equal("GPU is lost (fallen off the bus)", gpus.GetProperty("gpus")[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, gpus.GetProperty("gpus")[0].GetProperty("utilization").ValueKind);
        Assert.Equal(76, gpus.GetProperty("gpus")[1].GetProperty("utilization").GetDouble());
    }

    public void Dispose() => temp.Dispose();
}
