namespace Mkdash.Gpus;

/// <summary>One GPU now; every value null when the driver has none for it.</summary>
internal sealed record GpuReading(
    int Index,
    string? Name,
    double? Utilization,
    double? MemoryUsedMiB,
    double? MemoryTotalMiB,
    double? TemperatureC,
    double? PowerW)
{
    public GpuPoint ToPoint() => new(Index, Utilization, MemoryUsedMiB, MemoryTotalMiB, PowerW);
}
