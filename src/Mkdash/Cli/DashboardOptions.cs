using Mkdash.Health;

namespace Mkdash.Cli;

/// <summary>Everything the command line sets; defaults match --help.</summary>
internal sealed record DashboardOptions
{
    /// <summary>The MimicKit checkout; roots live in its output/train.</summary>
    public string Workspace { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The root to show when the page does not ask for one; null to auto-pick.</summary>
    public string? RootOut { get; init; }

    /// <summary>Where the runner and monitor logs are.</summary>
    public string LogDir { get; init; } = "/tmp";

    /// <summary>The runner log, instead of looking in the log dir.</summary>
    public string? RunnerLog { get; init; }

    /// <summary>The monitor log, instead of looking in the log dir.</summary>
    public string? MonitorLog { get; init; }

    /// <summary>Monitor-log GPU samples sent to the page.</summary>
    public int HistorySize { get; init; } = 180;

    /// <summary>Lines of each log sent to the page.</summary>
    public int LogLines { get; init; } = 200;

    /// <summary>Where to listen: "localhost" (127.0.0.1 and ::1), an address, or a host name.</summary>
    public string Host { get; init; } = "localhost";

    public int Port { get; init; } = 8787;

    /// <summary>Extra folders roots may live in, besides output/train.</summary>
    public IReadOnlyList<string> AllowRootDirs { get; init; } = [];

    /// <summary>The nvidia-smi program to ask for GPUs.</summary>
    public string NvidiaSmi { get; init; } = "nvidia-smi";

    /// <summary>NVML library to load (name or path), or "off" for nvidia-smi only.</summary>
    public string NvmlLibrary { get; init; } = "libnvidia-ml.so.1";

    /// <summary>Seconds between GPU samples while someone is watching.</summary>
    public double GpuIntervalSeconds { get; init; } = 2;

    public HealthThresholds Thresholds { get; init; } = new();

    /// <summary>The access token asked of every API client; null to generate one where one is needed.</summary>
    public string? Token { get; init; }

    /// <summary>Serve without a token even on a non-loopback address.</summary>
    public bool NoAuth { get; init; }

    /// <summary>Host header names accepted besides localhost, IP literals, the bound name and this machine's.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Event streams served at once, all viewers together.</summary>
    public int MaxStreams { get; init; } = 256;

    /// <summary>Requests a second one client may make on average (twice that in a burst); 0 for no limit.</summary>
    public int RateLimit { get; init; } = 100;
}
