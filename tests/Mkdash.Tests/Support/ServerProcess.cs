using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mkdash.Tests.Support;

/// <summary>
/// The real program in a process of its own (dotnet mkdash.dll ...), as a user starts it: for what only a
/// separate process shows (its banner, its memory, its address).
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly TaskCompletionSource<string> url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>The URL the banner said to open, token included where one is asked.</summary>
    public string Url => url.Task.Result;

    /// <summary>Scheme, host and port only.</summary>
    public string Origin => new Uri(Url).GetLeftPart(UriPartial.Authority);

    public int Pid => process.Id;

    /// <summary>Every line it printed so far, standard output and error together.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(
        IReadOnlyList<string> args,
        IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Join(AppContext.BaseDirectory, "mkdash.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Take(e.Data);
        process.ErrorDataReceived += (_, e) => server.Take(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.url.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    private void Take(string? line, bool error = false)
    {
        if (line is null)
        {
            if (!error)
            {
                url.TrySetException(new InvalidOperationException("mkdash ended: " + string.Join(" | ", Output)));
            }

            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        if (!error && OpenLine().Match(line) is { Success: true } match)
        {
            url.TrySetResult(match.Groups[1].Value);
        }
    }

    /// <summary>Resident memory in KiB, from /proc.</summary>
    public long ResidentKiB()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{Pid}/stat").Split(") ")[1].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
    }

    [GeneratedRegex(@"^mkdash \S+: open (\S+)")]
    private static partial Regex OpenLine();
}
