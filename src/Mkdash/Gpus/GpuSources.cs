using Mkdash.Cli;
using Mkdash.Gpus.Nvml;

namespace Mkdash.Gpus;

/// <summary>The GPU source a real run uses: NVML first, nvidia-smi when NVML is missing, off or broken.</summary>
internal static class GpuSources
{
    /// <summary>Longest wait for one reading through either path.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IGpuSource Create(DashboardOptions options, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var smi = new NvidiaSmiGpuSource(options.NvidiaSmi, Timeout, time);
        return new NvmlGpuSource(
            new NvmlOptions { Library = options.NvmlLibrary, Timeout = Timeout },
            smi,
            time,
            services.GetRequiredService<ILogger<NvmlGpuSource>>());
    }
}
