using System.Globalization;
using System.Text;

namespace Mkdash.Gpus;

/// <summary>A process's command line from /proc/&lt;pid&gt;/cmdline, as one line of text.</summary>
internal static class ProcessCommandLine
{
    private const int MaxChars = 400;

    /// <summary>The arguments joined by spaces; null when the process ended, is hidden or is a kernel thread.</summary>
    public static string? Read(int pid, string procRoot = "/proc")
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Join(procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Gone, or in another PID namespace (NVML reports host pids inside containers).
            return null;
        }

        var line = Encoding.UTF8.GetString(bytes).Replace('\0', ' ').Trim();
        if (line.Length == 0)
        {
            return null;
        }

        return line.Length <= MaxChars ? line : line[..MaxChars] + " …";
    }
}
