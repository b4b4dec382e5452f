namespace Mkdash.Logs;

/// <summary>Finds the runner and monitor logs in the log dir, by the names the pipeline gives them.</summary>
internal sealed class LogLocator(string logDir)
{
    public static readonly string[] MonitorPatterns =
    [
        "mk_dualgpu_follow_until_high_*.log",
        "mk_ultralong_alloc_monitor_*.log",
        "mk_longcycle_monitor_*.log",
    ];

    public const string RunnerFallbackPattern = "case_*longcycle*.log";

    public string LogDir { get; } = logDir;

    /// <summary>&lt;log-dir&gt;/&lt;root&gt;.log, else the newest case_*longcycle*.log; null when neither exists.</summary>
    public string? FindRunnerLog(string? rootName)
    {
        if (!string.IsNullOrEmpty(rootName))
        {
            var exact = Path.Join(LogDir, rootName + ".log");
            if (File.Exists(exact))
            {
                return exact;
            }
        }

        return Newest(RunnerFallbackPattern);
    }

    /// <summary>The newest file of the first monitor pattern that has any.</summary>
    public string? FindMonitorLog()
    {
        foreach (var pattern in MonitorPatterns)
        {
            if (Newest(pattern) is { } path)
            {
                return path;
            }
        }

        return null;
    }

    private string? Newest(string pattern)
    {
        try
        {
            return new DirectoryInfo(LogDir)
                .EnumerateFiles(pattern, new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false })
                .OrderByDescending(file => file.LastWriteTimeUtc)
                .Select(file => file.FullName)
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
