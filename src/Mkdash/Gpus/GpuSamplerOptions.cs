namespace Mkdash.Gpus;

/// <summary>How often and how long the shared GPU sampler works.</summary>
internal sealed record GpuSamplerOptions
{
    /// <summary>Time between samples while someone is watching.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The sampler stops when nobody has asked for this long.</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait for one sample (nvidia-smi can hang on a sick driver).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Live samples kept in memory for the trend.</summary>
    public int HistoryCapacity { get; init; } = 180;
}
