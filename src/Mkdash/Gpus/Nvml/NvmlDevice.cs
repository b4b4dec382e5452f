namespace Mkdash.Gpus.Nvml;

/// <summary>One GPU as NVML knows it: its handle, fetched once, and the values that never change.</summary>
internal sealed class NvmlDevice(int index)
{
    public int Index { get; } = index;

    /// <summary>Zero until NVML hands one out; dropped when the GPU fails, to be asked for again.</summary>
    public nint Handle { get; set; }

    /// <summary>True once name, UUID and bus id were asked for (each may still be null: not supported).</summary>
    public bool IdentityRead { get; set; }

    public string? Name { get; set; }

    public string? Uuid { get; set; }

    public string? PciBusId { get; set; }
}
