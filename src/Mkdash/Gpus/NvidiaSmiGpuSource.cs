using System.ComponentModel;
using System.Diagnostics;

namespace Mkdash.Gpus;

/// <summary>
/// Asks nvidia-smi, with a timeout; a missing nvidia-smi means "GPU unavailable", not an error. A field this
/// driver's nvidia-smi does not know is dropped from the query, at once and for good.
/// </summary>
internal sealed class NvidiaSmiGpuSource(string command, TimeSpan timeout, TimeProvider time) : IGpuSource
{
    public const string Source = "nvidia-smi";

    private readonly Lock gate = new();

    // Guarded by gate: the fields still asked for.
    private readonly List<string> fields = [.. NvidiaSmiCsv.Fields];

    /// <summary>The fields the next query asks for.</summary>
    public IReadOnlyList<string> Fields
    {
        get
        {
            lock (gate)
            {
                return [.. fields];
            }
        }
    }

    public async Task<GpuReadout> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        // One deadline for the query and any retry without a refused field.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var asked = Fields;
            var run = await RunAsync(asked, now, deadline.Token, cancellationToken);
            if (run.Readout is { } failed)
            {
                return failed;
            }

            var output = NvidiaSmiCsv.Parse(run.Stdout + "\n" + run.Stderr, asked);
            if (output.UnknownField is { } unknown && unknown != "index" && Forget(unknown))
            {
                continue;
            }

            return Interpret(run.ExitCode, output, now);
        }
    }

    private bool Forget(string field)
    {
        lock (gate)
        {
            return fields.Remove(field);
        }
    }

    private async Task<(GpuReadout? Readout, int ExitCode, string Stdout, string Stderr)> RunAsync(
        IReadOnlyList<string> asked,
        long now,
        CancellationToken deadline,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { $"--query-gpu={string.Join(',', asked)}", "--format=csv,noheader,nounits" },
        };

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            var missing = $"{command} not found: no NVIDIA driver on this machine";
            return (GpuReadout.Unavailable(Source, missing, now), 0, "", "");
        }

        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline);
            var stderr = process.StandardError.ReadToEndAsync(deadline);
            await process.WaitForExitAsync(deadline);
            return (null, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own child only: nvidia-smi hung past the timeout.
            process.Kill(entireProcessTree: true);
            var message = $"{command} did not answer within {timeout.TotalSeconds:0.#} s";
            return (GpuReadout.Unavailable(Source, message, now), 0, "", "");
        }
    }

    private static GpuReadout Interpret(int exitCode, NvidiaSmiOutput output, long now)
    {
        var said = output.OtherLines.Count > 0 ? Shorten(output.OtherLines[0]) : null;
        var reachable = output.Gpus.Count(gpu => gpu.Error is null);
        var noDevices = exitCode == 9
            || said?.Contains("No devices were found", StringComparison.OrdinalIgnoreCase) == true;
        if (reachable == 0 && noDevices)
        {
            return GpuReadout.Unavailable(Source, "no GPU found", now);
        }

        if (output.Gpus.Count == 0)
        {
            return GpuReadout.Unavailable(Source, $"nvidia-smi exited {exitCode}: {said ?? "no output"}", now);
        }

        List<string> problems =
            [.. output.Gpus.Where(gpu => gpu.Error is not null).Select(gpu => $"GPU{gpu.Index}: {gpu.Error}")];
        if (exitCode != 0 && said is not null)
        {
            problems.Add($"nvidia-smi exited {exitCode}: {said}");
        }

        return new GpuReadout(true, Source, problems.Count == 0 ? null : string.Join("; ", problems), now, output.Gpus);
    }

    private static string Shorten(string line) => line.Length > 300 ? line[..300] : line;
}
