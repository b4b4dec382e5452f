using System.Text;

namespace Mkdash.Processes;

/// <summary>
/// Finds the case runner (run_case_*.py) and MimicKit training workers (mimickit/run.py --mode train)
/// by reading /proc/&lt;pid&gt;/cmdline; it spawns nothing and signals nothing.
/// </summary>
internal sealed class ProcessScanner(string procRoot = "/proc")
{
    private const int MaxCommandLineChars = 400;

    public ProcessView Scan()
    {
        var runners = new List<PipelineProcess>();
        var workers = new List<PipelineProcess>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procRoot);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new ProcessView([], [], $"cannot read {procRoot}: {error.Message}");
        }

        foreach (var entry in entries)
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var args = ReadArgs(Path.Join(entry, "cmdline"));
            if (args.Length == 0)
            {
                continue;
            }

            if (Classify(args) is { } found)
            {
                var process = new PipelineProcess(pid, found.Kind, found.Script, Join(args));
                (found.Kind == "runner" ? runners : workers).Add(process);
            }
        }

        return new ProcessView([.. runners.OrderBy(p => p.Pid)], [.. workers.OrderBy(p => p.Pid)], null);
    }

    /// <summary>"runner" for run_case_*.py, "worker" for mimickit/run.py with --mode train; null otherwise.</summary>
    internal static (string Kind, string Script)? Classify(string[] args)
    {
        foreach (var arg in args)
        {
            var name = Path.GetFileName(arg);
            if (name.StartsWith("run_case_", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal))
            {
                return ("runner", name);
            }
        }

        var script = Array.FindIndex(args, arg => arg.EndsWith("mimickit/run.py", StringComparison.Ordinal));
        if (script < 0)
        {
            return null;
        }

        for (var i = script + 1; i < args.Length; i++)
        {
            if (args[i] == "--mode=train" || (args[i] == "--mode" && i + 1 < args.Length && args[i + 1] == "train"))
            {
                return ("worker", "mimickit/run.py");
            }
        }

        return null;
    }

    private static string[] ReadArgs(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The process ended between listing and reading.
            return [];
        }
    }

    private static string Join(string[] args)
    {
        var line = string.Join(' ', args);
        return line.Length <= MaxCommandLineChars ? line : line[..MaxCommandLineChars] + " …";
    }
}
