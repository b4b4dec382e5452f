namespace Mkdash.Gpus.Nvml;

/// <summary>
/// NVML initialised once, with every GPU's handle cached, read as many times as asked. An error that one value
/// lacks costs that value; one that a GPU gives marks that GPU failed; one that NVML gives ends the session.
/// </summary>
internal sealed class NvmlSession : IDisposable
{
    private const double BytesPerMiB = 1024 * 1024;

    private readonly NvmlLibrary library;
    private readonly NvmlDevice[] devices;
    private readonly string procRoot;
    private readonly Lock gate = new();

    // Reused by every read; guarded by gate.
    private readonly List<(uint Pid, ulong? UsedBytes)> processes = [];

    // Command lines by pid, kept while the pid stays on a GPU: /proc is read once per process, not per sample.
    private readonly Dictionary<int, string> commandLines = [];
    private readonly HashSet<int> seenPids = [];
    private bool closed;

    private NvmlSession(NvmlLibrary library, int count, string procRoot)
    {
        this.library = library;
        this.procRoot = procRoot;
        devices = [.. Enumerable.Range(0, count).Select(index => new NvmlDevice(index))];
    }

    /// <summary>Loads and initialises NVML and fetches the handles; null, with the reason, when it cannot.</summary>
    public static NvmlSession? Open(string libraryNameOrPath, string procRoot, out string? reason)
    {
        var library = NvmlLibrary.Load(libraryNameOrPath, out reason);
        if (library is null)
        {
            return null;
        }

        var code = library.Init();
        if (code != NvmlReturn.Success)
        {
            reason = library.Describe(code);
            library.Dispose();
            return null;
        }

        code = library.GetCount(out var count);
        if (code != NvmlReturn.Success)
        {
            reason = "counting GPUs: " + library.Describe(code);
            library.Shutdown();
            library.Dispose();
            return null;
        }

        var session = new NvmlSession(library, (int)Math.Min(count, 64), procRoot);
        foreach (var device in session.devices)
        {
            // A GPU that gives no handle now is asked again at each read.
            if (library.GetHandle((uint)device.Index, out var handle) == NvmlReturn.Success)
            {
                device.Handle = handle;
            }
        }

        return session;
    }

    public int Count => devices.Length;

    /// <summary>Every GPU, in NVML's (PCI bus) order; null, with the reason, when NVML itself stopped.</summary>
    public List<GpuReading>? Read(out string? failure)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            var readings = new List<GpuReading>(devices.Length);
            seenPids.Clear();
            foreach (var device in devices)
            {
                var reading = ReadDevice(device, out var broken);
                if (broken != NvmlReturn.Success)
                {
                    failure = library.Describe(broken);
                    return null;
                }

                readings.Add(reading);
            }

            // Removing while enumerating a Dictionary is allowed (since .NET Core 3.0).
            foreach (var pid in commandLines.Keys)
            {
                if (!seenPids.Contains(pid))
                {
                    commandLines.Remove(pid);
                }
            }

            failure = null;
            return readings;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            library.Shutdown();
            library.Dispose();
        }
    }

    private GpuReading ReadDevice(NvmlDevice device, out NvmlReturn broken)
    {
        broken = NvmlReturn.Success;
        if (device.Handle == 0)
        {
            var code = library.GetHandle((uint)device.Index, out var handle);
            if (code != NvmlReturn.Success)
            {
                // Without a handle nothing can be read, whatever the code says.
                return Failed(device, code, ref broken);
            }

            device.Handle = handle;
        }

        // The first error that is more than one missing value; later calls still run (they fail fast).
        var failure = NvmlReturn.Success;
        bool Ok(NvmlReturn code)
        {
            if (code != NvmlReturn.Success && NvmlErrors.ScopeOf(code) != NvmlErrorScope.Field
                && failure == NvmlReturn.Success)
            {
                failure = code;
            }

            return code == NvmlReturn.Success;
        }

        var gpu = device.Handle;
        if (!device.IdentityRead)
        {
            // Kept from an earlier read when a call fails now: a lost GPU is still named by what it was.
            if (Ok(library.GetName(gpu, out var name)))
            {
                device.Name = name;
            }

            if (Ok(library.GetUuid(gpu, out var uuid)))
            {
                device.Uuid = uuid;
            }

            if (Ok(library.GetPciBusId(gpu, out var busId)))
            {
                device.PciBusId = PciBusId.Normalize(busId) ?? busId;
            }

            device.IdentityRead = failure == NvmlReturn.Success;
        }

        var hasUtilization = Ok(library.GetUtilization(gpu, out var utilization));
        var hasMemory = Ok(library.GetMemory(gpu, out var memory));
        var hasTemperature = Ok(library.GetTemperature(gpu, out var celsius));
        var hasPower = Ok(library.GetPowerUsage(gpu, out var milliwatts));
        var hasLimit = Ok(library.GetPowerLimit(gpu, out var limitMilliwatts));
        processes.Clear();
        var hasProcesses = Ok(library.GetComputeProcesses(gpu, processes));
        if (failure != NvmlReturn.Success)
        {
            return Failed(device, failure, ref broken);
        }

        return new GpuReading
        {
            Index = device.Index,
            Name = device.Name,
            Uuid = device.Uuid,
            PciBusId = device.PciBusId,
            Utilization = hasUtilization ? utilization.Gpu : null,
            MemoryUtilization = hasUtilization ? utilization.Memory : null,
            MemoryUsedMiB = hasMemory ? memory.Used / BytesPerMiB : null,
            MemoryTotalMiB = hasMemory ? memory.Total / BytesPerMiB : null,
            TemperatureC = hasTemperature ? celsius : null,
            PowerW = hasPower ? milliwatts / 1000.0 : null,
            PowerLimitW = hasLimit ? limitMilliwatts / 1000.0 : null,
            Processes = hasProcesses ? [.. processes.Select(Describe)] : null,
        };
    }

    private GpuReading Failed(NvmlDevice device, NvmlReturn code, ref NvmlReturn broken)
    {
        if (NvmlErrors.ScopeOf(code) == NvmlErrorScope.Library)
        {
            broken = code;
        }

        // A GPU back from a reset hands out a new handle.
        device.Handle = 0;
        device.IdentityRead = false;
        return GpuReading.Failed(device.Index, device.PciBusId, library.Describe(code)) with
        {
            Name = device.Name,
            Uuid = device.Uuid,
        };
    }

    private GpuProcess Describe((uint Pid, ulong? UsedBytes) process)
    {
        var pid = (int)process.Pid;
        seenPids.Add(pid);
        if (!commandLines.TryGetValue(pid, out var commandLine))
        {
            commandLine = ProcessCommandLine.Read(pid, procRoot);
            if (commandLine is not null)
            {
                commandLines[pid] = commandLine;
            }
        }

        return new GpuProcess(pid, process.UsedBytes / BytesPerMiB, commandLine);
    }
}
