using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Mkdash.Gpus.Nvml;

/// <summary>
/// libnvidia-ml loaded from a name or path and called through function pointers. One instance per library
/// file, so a test can load its own fake; a call this driver lacks answers <see cref="NvmlReturn.FunctionNotFound"/>.
/// Not thread-safe on its own: <see cref="NvmlSession"/> serialises the calls.
/// </summary>
internal sealed unsafe class NvmlLibrary : IDisposable
{
    // NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE.
    private const int TextBufferSize = 96;

    // nvmlProcessInfo_v2_t and the _v3 call's entries are 24 bytes, v1's 16; one header release declared 32
    // for _v3, so the buffer leaves that much room per entry whatever the stride read.
    private const int RoomPerProcess = 32;

    // NVML_VALUE_NOT_AVAILABLE in an unsigned long long field.
    private const ulong ValueNotAvailable = ulong.MaxValue;

    private readonly nint library;
    private readonly delegate* unmanaged<int> init;
    private readonly delegate* unmanaged<int> shutdown;
    private readonly delegate* unmanaged<int, byte*> errorString;
    private readonly delegate* unmanaged<uint*, int> getCount;
    private readonly delegate* unmanaged<uint, nint*, int> getHandle;
    private readonly delegate* unmanaged<nint, byte*, uint, int> getName;
    private readonly delegate* unmanaged<nint, byte*, uint, int> getUuid;
    private readonly delegate* unmanaged<nint, NvmlPciInfo*, int> getPciInfo;
    private readonly delegate* unmanaged<nint, NvmlUtilization*, int> getUtilization;
    private readonly delegate* unmanaged<nint, NvmlMemory*, int> getMemory;
    private readonly delegate* unmanaged<nint, int, uint*, int> getTemperature;
    private readonly delegate* unmanaged<nint, uint*, int> getPowerUsage;
    private readonly delegate* unmanaged<nint, uint*, int> getPowerLimit;
    private readonly delegate* unmanaged<nint, uint*, byte*, int> getProcesses;
    private readonly int processStride;

    private NvmlLibrary(nint library)
    {
        this.library = library;
        init = (delegate* unmanaged<int>)Export("nvmlInit_v2");
        shutdown = (delegate* unmanaged<int>)Export("nvmlShutdown");
        errorString = (delegate* unmanaged<int, byte*>)Export("nvmlErrorString");
        getCount = (delegate* unmanaged<uint*, int>)Export("nvmlDeviceGetCount_v2");
        getHandle = (delegate* unmanaged<uint, nint*, int>)Export("nvmlDeviceGetHandleByIndex_v2");
        getName = (delegate* unmanaged<nint, byte*, uint, int>)Export("nvmlDeviceGetName");
        getUuid = (delegate* unmanaged<nint, byte*, uint, int>)Export("nvmlDeviceGetUUID");
        // _v2 fills the same struct; drivers before 2019 lack _v3.
        var pciInfo = Export("nvmlDeviceGetPciInfo_v3");
        pciInfo = pciInfo != 0 ? pciInfo : Export("nvmlDeviceGetPciInfo_v2");
        getPciInfo = (delegate* unmanaged<nint, NvmlPciInfo*, int>)pciInfo;
        getUtilization = (delegate* unmanaged<nint, NvmlUtilization*, int>)Export("nvmlDeviceGetUtilizationRates");
        getMemory = (delegate* unmanaged<nint, NvmlMemory*, int>)Export("nvmlDeviceGetMemoryInfo");
        getTemperature = (delegate* unmanaged<nint, int, uint*, int>)Export("nvmlDeviceGetTemperature");
        getPowerUsage = (delegate* unmanaged<nint, uint*, int>)Export("nvmlDeviceGetPowerUsage");
        getPowerLimit = (delegate* unmanaged<nint, uint*, int>)Export("nvmlDeviceGetEnforcedPowerLimit");

        // The newest process call this driver has; the stride is that version's entry size.
        var processes = Export("nvmlDeviceGetComputeRunningProcesses_v3");
        processStride = 24;
        if (processes == 0)
        {
            processes = Export("nvmlDeviceGetComputeRunningProcesses_v2");
        }

        if (processes == 0)
        {
            processes = Export("nvmlDeviceGetComputeRunningProcesses");
            processStride = 16;
        }

        getProcesses = (delegate* unmanaged<nint, uint*, byte*, int>)processes;
    }

    /// <summary>Loads the library; null, with the reason, when it is missing or is not NVML.</summary>
    public static NvmlLibrary? Load(string nameOrPath, out string? error)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(nameOrPath);
        }
        catch (Exception failure) when (failure is DllNotFoundException or BadImageFormatException or ArgumentException)
        {
            error = $"{nameOrPath} not found or not loadable";
            return null;
        }

        var loaded = new NvmlLibrary(handle);
        if (loaded.init == null || loaded.shutdown == null || loaded.getCount == null || loaded.getHandle == null)
        {
            loaded.Dispose();
            error = $"{nameOrPath} is not an NVML library (no nvmlInit_v2)";
            return null;
        }

        error = null;
        return loaded;
    }

    public NvmlReturn Init() => (NvmlReturn)init();

    public NvmlReturn Shutdown() => (NvmlReturn)shutdown();

    public NvmlReturn GetCount(out uint count)
    {
        uint value = 0;
        var code = (NvmlReturn)getCount(&value);
        count = value;
        return code;
    }

    public NvmlReturn GetHandle(uint index, out nint device)
    {
        nint value = 0;
        var code = (NvmlReturn)getHandle(index, &value);
        device = value;
        return code;
    }

    public NvmlReturn GetName(nint device, out string? name) => GetText(getName, device, out name);

    public NvmlReturn GetUuid(nint device, out string? uuid) => GetText(getUuid, device, out uuid);

    public NvmlReturn GetPciBusId(nint device, out string? busId)
    {
        busId = null;
        if (getPciInfo == null)
        {
            return NvmlReturn.FunctionNotFound;
        }

        var info = default(NvmlPciInfo);
        var code = (NvmlReturn)getPciInfo(device, &info);
        if (code == NvmlReturn.Success)
        {
            busId = Text(new ReadOnlySpan<byte>(info.BusId, 32));
        }

        return code;
    }

    public NvmlReturn GetUtilization(nint device, out NvmlUtilization utilization)
    {
        var value = default(NvmlUtilization);
        var code = getUtilization == null ? NvmlReturn.FunctionNotFound : (NvmlReturn)getUtilization(device, &value);
        utilization = value;
        return code;
    }

    public NvmlReturn GetMemory(nint device, out NvmlMemory memory)
    {
        var value = default(NvmlMemory);
        var code = getMemory == null ? NvmlReturn.FunctionNotFound : (NvmlReturn)getMemory(device, &value);
        memory = value;
        return code;
    }

    /// <summary>The GPU die's temperature (sensor NVML_TEMPERATURE_GPU), in °C.</summary>
    public NvmlReturn GetTemperature(nint device, out uint celsius)
    {
        uint value = 0;
        var code = getTemperature == null ? NvmlReturn.FunctionNotFound : (NvmlReturn)getTemperature(device, 0, &value);
        celsius = value;
        return code;
    }

    public NvmlReturn GetPowerUsage(nint device, out uint milliwatts) => GetUInt(getPowerUsage, device, out milliwatts);

    public NvmlReturn GetPowerLimit(nint device, out uint milliwatts) => GetUInt(getPowerLimit, device, out milliwatts);

    /// <summary>Adds the compute processes (pid, bytes held or null) to <paramref name="into"/>.</summary>
    public NvmlReturn GetComputeProcesses(nint device, List<(uint Pid, ulong? UsedBytes)> into)
    {
        if (getProcesses == null)
        {
            return NvmlReturn.FunctionNotFound;
        }

        // Processes come and go between calls: grow the buffer a few times when the driver asks for more.
        var capacity = 16u;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)capacity * RoomPerProcess);
            try
            {
                var count = capacity;
                NvmlReturn code;
                fixed (byte* entries = buffer)
                {
                    code = (NvmlReturn)getProcesses(device, &count, entries);
                    if (code == NvmlReturn.Success)
                    {
                        for (var i = 0; i < (int)Math.Min(count, capacity); i++)
                        {
                            var entry = entries + (i * processStride);
                            var used = *(ulong*)(entry + 8);
                            into.Add((*(uint*)entry, used == ValueNotAvailable ? null : used));
                        }
                    }
                }

                if (code != NvmlReturn.InsufficientSize)
                {
                    return code;
                }

                capacity = Math.Max(count, capacity) + 8;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return NvmlReturn.InsufficientSize;
    }

    /// <summary>A few words for an error: ours for the common codes, else the library's own.</summary>
    public string Describe(NvmlReturn code)
    {
        if (NvmlErrors.Known(code) is { } known)
        {
            return known;
        }

        var text = errorString == null ? null : Marshal.PtrToStringUTF8((nint)errorString((int)code));
        return string.IsNullOrWhiteSpace(text) ? $"NVML error {(int)code}" : text;
    }

    public void Dispose() => NativeLibrary.Free(library);

    private static NvmlReturn GetUInt(delegate* unmanaged<nint, uint*, int> call, nint device, out uint result)
    {
        uint value = 0;
        var code = call == null ? NvmlReturn.FunctionNotFound : (NvmlReturn)call(device, &value);
        result = value;
        return code;
    }

    private static NvmlReturn GetText(delegate* unmanaged<nint, byte*, uint, int> call, nint device, out string? text)
    {
        text = null;
        if (call == null)
        {
            return NvmlReturn.FunctionNotFound;
        }

        var buffer = stackalloc byte[TextBufferSize];
        new Span<byte>(buffer, TextBufferSize).Clear();
        var code = (NvmlReturn)call(device, buffer, TextBufferSize);
        if (code == NvmlReturn.Success)
        {
            text = Text(new ReadOnlySpan<byte>(buffer, TextBufferSize));
        }

        return code;
    }

    private static string? Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]).Trim();
        return text.Length == 0 ? null : text;
    }

    private nint Export(string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;
}
