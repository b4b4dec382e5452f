using System.Runtime.InteropServices;

namespace Mkdash.Gpus.Nvml;

/// <summary>nvmlPciInfo_t as nvmlDeviceGetPciInfo_v3 fills it (68 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NvmlPciInfo
{
    public fixed byte BusIdLegacy[16];
    public uint Domain;
    public uint Bus;
    public uint Device;
    public uint PciDeviceId;
    public uint PciSubSystemId;
    public fixed byte BusId[32];
}
