using Mkdash.Gpus;

namespace Mkdash.Demo;

/// <summary>Two make-believe 80 GB GPUs whose load follows the demo pipeline's stage.</summary>
internal sealed class SimulatedGpuSource(DemoState state, TimeProvider time) : IGpuSource
{
    private const double TotalMiB = 81559;

    private readonly Random random = new(7);

    public Task<GpuReadout> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        GpuReading[] gpus = [Read(0), Read(1)];
        return Task.FromResult(new GpuReadout(true, "simulated", null, now, gpus));
    }

    public GpuReading Read(int index)
    {
        double busy;
        lock (random)
        {
            busy = state.Stage switch
            {
                "long" when state.Failing && index == 1 => 3 + random.NextDouble() * 5,
                "long" => 78 + random.NextDouble() * 20,
                "probe" => 35 + random.NextDouble() * 40,
                "test" or "viz" => index == 0 ? 25 + random.NextDouble() * 20 : random.NextDouble() * 4,
                _ => random.NextDouble() * 3,
            };
        }

        var utilization = Math.Round(busy);
        var memory = state.Stage == "idle" ? 450 : 17000 + index * 180 + utilization * 3;
        return new GpuReading(
            index,
            "NVIDIA H100 80GB HBM3 (simulated)",
            utilization,
            Math.Round(memory),
            TotalMiB,
            Math.Round(35 + utilization * 0.4),
            Math.Round(70 + utilization * 5.5, 2));
    }
}
