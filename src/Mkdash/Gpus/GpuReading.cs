namespace Mkdash.Gpus;

/// <summary>One GPU now; a value the driver has none for is null, never 0.</summary>
internal sealed record GpuReading
{
    /// <summary>The driver's index: PCI bus order, which CUDA_VISIBLE_DEVICES numbering may not follow.</summary>
    public required int Index { get; init; }

    public string? Name { get; init; }

    public string? Uuid { get; init; }

    /// <summary>"00000000:19:00.0": matches a GPU here to one that CUDA or another tool names.</summary>
    public string? PciBusId { get; init; }

    /// <summary>Percent of time a kernel ran.</summary>
    public double? Utilization { get; init; }

    /// <summary>Percent of time device memory was read or written.</summary>
    public double? MemoryUtilization { get; init; }

    public double? MemoryUsedMiB { get; init; }

    public double? MemoryTotalMiB { get; init; }

    public double? TemperatureC { get; init; }

    public double? PowerW { get; init; }

    /// <summary>The power cap the driver enforces now.</summary>
    public double? PowerLimitW { get; init; }

    /// <summary>Compute processes on this GPU; null when the source cannot tell.</summary>
    public IReadOnlyList<GpuProcess>? Processes { get; init; }

    /// <summary>Why this GPU gave no readings (lost, needs a reset); null while it reports.</summary>
    public string? Error { get; init; }

    public GpuPoint ToPoint() => new(Index, Utilization, MemoryUsedMiB, MemoryTotalMiB, PowerW);

    /// <summary>A GPU that is there but answers nothing but an error.</summary>
    public static GpuReading Failed(int index, string? pciBusId, string error) =>
        new() { Index = index, PciBusId = pciBusId, Error = error };
}
