namespace Mkdash.Gpus;

/// <summary>A compute process on a GPU.</summary>
/// <param name="UsedMemoryMiB">Device memory it holds; null where the driver will not say (containers, WDDM).</param>
/// <param name="CommandLine">
/// From /proc/&lt;pid&gt;/cmdline; null when that is not readable (ended, another PID namespace).
/// </param>
internal sealed record GpuProcess(int Pid, double? UsedMemoryMiB, string? CommandLine);
