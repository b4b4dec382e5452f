namespace Mkdash.Gpus;

/// <summary>Something that can tell what the GPUs are doing now.</summary>
internal interface IGpuSource
{
    Task<GpuReadout> ReadAsync(CancellationToken cancellationToken);
}
