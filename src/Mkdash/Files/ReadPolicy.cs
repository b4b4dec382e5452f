using System.Collections.Concurrent;
using Mkdash.Cli;
using Mkdash.Snapshots;

namespace Mkdash.Files;

/// <summary>
/// Decides, after resolving symlinks, which files mkdash may open: anything under output/train or an
/// --allow-root-dir, *.log files directly in the log dir, and the logs named on the command line.
/// Everything else, including paths read from the workspace's own files, is refused and logged.
/// </summary>
internal sealed partial class ReadPolicy(
    DashboardOptions options,
    ILogger<ReadPolicy> logger,
    TimeProvider? time = null)
{
    private const int MaxReported = 1024;

    /// <summary>How old the resolved allowed places may be: a folder that appears is allowed this much later.</summary>
    private static readonly TimeSpan PlacesPeriod = TimeSpan.FromSeconds(3);

    // The allowed folders with their symlinks resolved, worked out once per period rather than for every file.
    private readonly TimedValue<string, (string[] Places, string? LogDir)> places = new(
        _ => (
            [.. options.AllowRootDirs.Prepend(Path.Join(options.Workspace, "output", "train"))
                .Select(RealPath.Resolve).OfType<string>()],
            RealPath.Resolve(options.LogDir)),
        PlacesPeriod,
        time ?? TimeProvider.System);

    // Paths already logged: a refused file is asked for every second while a page is open.
    private readonly ConcurrentDictionary<string, bool> reported = new(StringComparer.Ordinal);

    /// <summary>The real path to open, or null and why not.</summary>
    public (string? Path, string? Refusal) Check(string path)
    {
        var real = RealPath.Resolve(path);
        if (real is null)
        {
            // Nothing to open and nothing revealed: "not found", as for any missing file.
            return (null, $"{System.IO.Path.GetFileName(path)} not found");
        }

        if (!IsAllowed(real))
        {
            if (FirstTime(path))
            {
                LogRefused(logger, path, real);
            }

            var name = System.IO.Path.GetFileName(path);
            return (null, $"{name}: refused, it leads outside the places mkdash reads ({real})");
        }

        if (FileKind.NotRegular(real) is { } kind)
        {
            if (FirstTime(path))
            {
                LogNotRegular(logger, path, kind);
            }

            return (null, $"{System.IO.Path.GetFileName(path)}: not read, it is {kind}, not a file");
        }

        return (real, null);
    }

    private bool FirstTime(string path)
    {
        if (reported.Count >= MaxReported)
        {
            reported.Clear();
        }

        return reported.TryAdd(path, true);
    }

    private bool IsAllowed(string real)
    {
        var (roots, logDir) = places.Get("");
        foreach (var place in roots)
        {
            if (RealPath.IsInside(real, place) && real != place)
            {
                return true;
            }
        }

        if (logDir is not null
            && Path.GetDirectoryName(real) == logDir
            && real.EndsWith(".log", StringComparison.Ordinal))
        {
            return true;
        }

        // Logs the user named by hand are theirs to choose.
        return Named(options.RunnerLog, real) || Named(options.MonitorLog, real);
    }

    private static bool Named(string? given, string real)
    {
        return given is not null && RealPath.Resolve(given) == real;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not read {Path}: it is {Kind}, not a file")]
    private static partial void LogNotRegular(ILogger logger, string path, string kind);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Refused to read {Path}: it resolves to {Real}, outside the allowed places")]
    private static partial void LogRefused(ILogger logger, string path, string real);
}
