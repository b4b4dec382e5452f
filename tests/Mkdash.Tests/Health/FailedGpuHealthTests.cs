using Mkdash.Gpus;
using Mkdash.Health;

namespace Mkdash.Tests.Health;

public sealed class FailedGpuHealthTests
{
    [Fact]
    public void Evaluate_WithOneGpuLostAndTheOtherBusy_WarnsAndDoesNotCallAllGpusBusy()
    {
        GpuReading[] gpus =
        [
            GpuReading.Failed(0, "00000000:19:00.0", "GPU is lost (fallen off the bus)"),
            new() { Index = 1, Utilization = 95 },
        ];
        var readout = new GpuReadout(true, "NVML", "GPU0: GPU is lost (fallen off the bus)", 0, gpus);

        var labels = HealthRules.Evaluate(new HealthInputs(null, readout, [], null), new HealthThresholds());

        var codes = labels.Select(label => label.Code).ToList();
        Assert.Equal(["gpu_unavailable"], codes);
        Assert.Equal("GPU0: GPU is lost (fallen off the bus)", labels[0].Detail);
    }
}
