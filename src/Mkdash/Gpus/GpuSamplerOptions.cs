namespace Mkdash.Gpus;

/// <summary>How often and how long the shared GPU sampler works, and what it keeps.</summary>
internal sealed record GpuSamplerOptions
{
    /// <summary>Time between samples while someone is watching.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The sampler stops when nobody has asked for this long.</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait for one sample (nvidia-smi or NVML can hang on a sick driver).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How far back live samples are kept, at the full rate.</summary>
    public TimeSpan HistoryWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Most points per GPU the chart gets from the live samples.</summary>
    public int ChartPoints { get; init; } = 600;

    /// <summary>Live samples kept: the window at the interval (24 h at 2 s is 43,200).</summary>
    public int HistoryCapacity => (int)Math.Clamp(Math.Ceiling(HistoryWindow / Interval), 1, 2_000_000);
}
