using System.Runtime.InteropServices;

namespace Mkdash.Gpus.Nvml;

/// <summary>nvmlMemory_t, in bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}
