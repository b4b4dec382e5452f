using System.ComponentModel;
using System.Diagnostics;

namespace Mkdash.Gpus;

/// <summary>Asks nvidia-smi, with a timeout; a missing nvidia-smi means "GPU unavailable", not an error.</summary>
internal sealed class NvidiaSmiGpuSource(string command, TimeSpan timeout, TimeProvider time) : IGpuSource
{
    private const string Source = "nvidia-smi";

    public async Task<GpuReadout> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { $"--query-gpu={NvidiaSmiCsv.QueryFields}", "--format=csv,noheader,nounits" },
        };

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return GpuReadout.Unavailable(Source, $"{command} not found: no NVIDIA driver on this machine", now);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return Interpret(process.ExitCode, await stdout, await stderr, now);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own child only: nvidia-smi hung past the timeout.
            process.Kill(entireProcessTree: true);
            return GpuReadout.Unavailable(Source, $"{command} did not answer within {timeout.TotalSeconds:0.#} s", now);
        }
    }

    private static GpuReadout Interpret(int exitCode, string stdout, string stderr, long now)
    {
        var gpus = NvidiaSmiCsv.Parse(stdout);
        if (exitCode == 0 && gpus.Count > 0)
        {
            return new GpuReadout(true, Source, null, now, gpus);
        }

        var said = FirstLine(stderr) ?? FirstLine(stdout);
        if (exitCode == 9 || said?.Contains("No devices were found", StringComparison.OrdinalIgnoreCase) == true)
        {
            return GpuReadout.Unavailable(Source, "no GPU found", now);
        }

        if (gpus.Count > 0)
        {
            return new GpuReadout(true, Source, $"nvidia-smi exited {exitCode}: {said}", now, gpus);
        }

        return GpuReadout.Unavailable(Source, $"nvidia-smi exited {exitCode}: {said ?? "no output"}", now);
    }

    private static string? FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? null : line.Length > 300 ? line[..300] : line;
    }
}
