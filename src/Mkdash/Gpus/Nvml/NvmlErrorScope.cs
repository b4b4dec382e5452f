namespace Mkdash.Gpus.Nvml;

/// <summary>How much an NVML error takes down with it.</summary>
internal enum NvmlErrorScope
{
    /// <summary>This one value is missing ("no value"); the GPU and its other values are fine.</summary>
    Field,

    /// <summary>This GPU answers nothing (fallen off the bus, needs a reset); the other GPUs are fine.</summary>
    Gpu,

    /// <summary>NVML itself is unusable (driver unloaded or updated underneath): fall back to nvidia-smi.</summary>
    Library,
}
