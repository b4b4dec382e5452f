namespace Mkdash.Gpus.Nvml;

/// <summary>Where NVML is and how long it may take.</summary>
internal sealed record NvmlOptions
{
    /// <summary>The word that turns NVML off (nvidia-smi only).</summary>
    public const string Off = "off";

    /// <summary>Library to load: a name the loader searches for, a path, or <see cref="Off"/>.</summary>
    public string Library { get; init; } = "libnvidia-ml.so.1";

    /// <summary>Longest wait for one reading of every GPU.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After NVML failed to load or start, how long to use the fallback before trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where process command lines are read from.</summary>
    public string ProcRoot { get; init; } = "/proc";
}
