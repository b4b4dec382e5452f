namespace Mkdash.Gpus;

/// <summary>The GPUs as one sampling saw them.</summary>
/// <param name="Available">False when there is no GPU or no way to ask (a normal state, not an error).</param>
/// <param name="Source">What answered: NVML, nvidia-smi, simulated, ...</param>
/// <param name="Message">Why GPUs are unavailable, or what went wrong; null when all is well.</param>
/// <param name="TimeMs">Unix time in milliseconds of the sampling.</param>
internal sealed record GpuReadout(
    bool Available,
    string Source,
    string? Message,
    long TimeMs,
    IReadOnlyList<GpuReading> Gpus)
{
    /// <summary>Why the preferred source is not the one answering ("NVML: Driver/library version mismatch").</summary>
    public string? SourceReason { get; init; }

    public static GpuReadout Unavailable(string source, string message, long timeMs) =>
        new(false, source, message, timeMs, []);
}
