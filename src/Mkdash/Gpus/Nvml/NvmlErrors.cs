namespace Mkdash.Gpus.Nvml;

/// <summary>What an NVML error means for the dashboard, and how to say it in a few words.</summary>
internal static class NvmlErrors
{
    public static NvmlErrorScope ScopeOf(NvmlReturn code) => code switch
    {
        NvmlReturn.GpuIsLost or NvmlReturn.ResetRequired or NvmlReturn.GpuNotFound
            or NvmlReturn.IrqIssue or NvmlReturn.Timeout => NvmlErrorScope.Gpu,
        NvmlReturn.Uninitialized or NvmlReturn.DriverNotLoaded or NvmlReturn.LibRmVersionMismatch
            or NvmlReturn.LibraryNotFound => NvmlErrorScope.Library,
        _ => NvmlErrorScope.Field,
    };

    /// <summary>Short words for the codes people meet on training boxes; null for the others.</summary>
    public static string? Known(NvmlReturn code) => code switch
    {
        NvmlReturn.Uninitialized => "NVML was not initialised",
        NvmlReturn.NotSupported => "not supported",
        NvmlReturn.NoPermission => "no permission",
        NvmlReturn.DriverNotLoaded => "NVIDIA driver is not loaded",
        NvmlReturn.Timeout => "the GPU did not answer in time",
        NvmlReturn.IrqIssue => "interrupt problem on the GPU",
        NvmlReturn.LibraryNotFound => "NVML library not found",
        NvmlReturn.FunctionNotFound => "this driver lacks the call",
        NvmlReturn.GpuIsLost => "GPU is lost (fallen off the bus)",
        NvmlReturn.ResetRequired => "GPU requires a reset",
        NvmlReturn.OperatingSystem => "blocked by the operating system",
        NvmlReturn.LibRmVersionMismatch => "Driver/library version mismatch",
        NvmlReturn.GpuNotFound => "GPU not found",
        NvmlReturn.Unknown => "unknown error",
        _ => null,
    };
}
