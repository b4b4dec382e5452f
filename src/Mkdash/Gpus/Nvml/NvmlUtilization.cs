using System.Runtime.InteropServices;

namespace Mkdash.Gpus.Nvml;

/// <summary>nvmlUtilization_t, in percent over the driver's last sample period.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}
