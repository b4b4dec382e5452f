using System.Globalization;
using Mkdash.Gpus;

namespace Mkdash.Demo;

/// <summary>Two make-believe 80 GB GPUs whose load follows the demo pipeline's stage.</summary>
internal sealed class SimulatedGpuSource(DemoState state, TimeProvider time) : IGpuSource
{
    public const string Source = "simulated";

    private const double TotalMiB = 81559;

    private readonly Random random = new(7);

    public Task<GpuReadout> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        GpuReading[] gpus = [Read(0), Read(1)];
        return Task.FromResult(new GpuReadout(true, Source, null, now, gpus));
    }

    public GpuReading Read(int index)
    {
        double busy;
        double traffic;
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
            traffic = random.NextDouble();
        }

        var utilization = Math.Round(busy);
        var idle = state.Stage == "idle";
        var memory = idle ? 450 : 17000 + index * 180 + utilization * 3;
        return new GpuReading
        {
            Index = index,
            Name = "NVIDIA H100 80GB HBM3 (simulated)",
            Uuid = string.Create(CultureInfo.InvariantCulture, $"GPU-5e1a7ed0-0000-4000-8000-00000000000{index}"),
            PciBusId = index == 0 ? "00000000:19:00.0" : "00000000:3B:00.0",
            Utilization = utilization,
            MemoryUtilization = Math.Round(utilization * (0.35 + (traffic * 0.1))),
            MemoryUsedMiB = Math.Round(memory),
            MemoryTotalMiB = TotalMiB,
            TemperatureC = Math.Round(35 + utilization * 0.4),
            PowerW = Math.Round(70 + utilization * 5.5, 2),
            PowerLimitW = 700,
            Processes = idle ? [] : [Worker(index, memory)],
        };
    }

    private GpuProcess Worker(int index, double memoryMiB)
    {
        var args = state.CaseName.Length == 0 ? "amp_humanoid_args.txt" : state.CaseName;
        var commandLine = string.Create(
            CultureInfo.InvariantCulture,
            $"python mimickit/run.py --mode train --arg_file data/args/{args} --rank {index} (simulated)");
        return new GpuProcess(31000 + index, Math.Round(memoryMiB - 450), commandLine);
    }
}
