namespace Mkdash.Gpus;

/// <summary>One GPU's values in one history sample; null is "no value", never 0.</summary>
internal sealed record GpuPoint(
    int Index,
    double? Utilization,
    double? MemoryUsedMiB,
    double? MemoryTotalMiB,
    double? PowerW);
