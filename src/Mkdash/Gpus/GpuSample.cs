namespace Mkdash.Gpus;

/// <summary>All GPUs at one moment, from a monitor log or from live sampling.</summary>
/// <param name="TimeMs">Unix time in milliseconds.</param>
/// <param name="Source">"monitor" or "live".</param>
internal sealed record GpuSample(long TimeMs, string Source, IReadOnlyList<GpuPoint> Gpus);
