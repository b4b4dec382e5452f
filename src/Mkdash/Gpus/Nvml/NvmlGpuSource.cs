namespace Mkdash.Gpus.Nvml;

/// <summary>
/// Reads the GPUs through NVML, called directly. Where NVML is missing, turned off or broken it asks the
/// fallback (nvidia-smi) instead and says why in <see cref="GpuReadout.SourceReason"/>; NVML is tried again
/// every <see cref="NvmlOptions.RetryAfter"/>.
/// </summary>
internal sealed partial class NvmlGpuSource(
    NvmlOptions options,
    IGpuSource fallback,
    TimeProvider time,
    ILogger<NvmlGpuSource> logger) : IGpuSource, IDisposable
{
    public const string Source = "NVML";

    private readonly Lock gate = new();
    private readonly bool turnedOff =
        string.Equals(options.Library, NvmlOptions.Off, StringComparison.OrdinalIgnoreCase);

    // Guarded by gate. Only the one pending task opens or reads the session.
    private NvmlSession? session;
    private string? reason;
    private long retryAtMs = long.MinValue;
    private Task<List<GpuReading>?>? pending;
    private bool disposed;

    public async Task<GpuReadout> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        string? fallBackBecause = null;
        Task<List<GpuReading>?>? work = null;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (turnedOff)
            {
                fallBackBecause = "turned off";
            }
            else if (session is null && now < retryAtMs)
            {
                fallBackBecause = reason;
            }
            else if (pending is { IsCompleted: false })
            {
                // A sick driver can hold a call for long; never pile a second one on top.
                return GpuReadout.Unavailable(Source, "an NVML call has not returned yet", now);
            }
            else
            {
                work = pending = Task.Run(() => OpenAndRead(now));
            }
        }

        if (work is null)
        {
            return await FallbackAsync(fallBackBecause ?? "not available", cancellationToken);
        }

        List<GpuReading>? gpus;
        try
        {
            gpus = await work.WaitAsync(options.Timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogTimeout(logger, options.Timeout.TotalSeconds);
            var message = $"NVML did not answer within {options.Timeout.TotalSeconds:0.#} s";
            return GpuReadout.Unavailable(Source, message, now);
        }

        if (gpus is null)
        {
            string? why;
            lock (gate)
            {
                why = reason;
            }

            return await FallbackAsync(why ?? "not available", cancellationToken);
        }

        if (gpus.Count == 0)
        {
            return GpuReadout.Unavailable(Source, "no GPU found", now);
        }

        var failed = gpus.Where(gpu => gpu.Error is not null).Select(gpu => $"GPU{gpu.Index}: {gpu.Error}").ToList();
        return new GpuReadout(true, Source, failed.Count == 0 ? null : string.Join("; ", failed), now, gpus);
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            var closing = session;
            session = null;

            // A call still inside the driver keeps the library until it returns: unloading it under the call
            // would crash.
            if (pending is { IsCompleted: false } running && closing is not null)
            {
                running.ContinueWith(
                    _ => closing.Dispose(),
                    CancellationToken.None,
                    TaskContinuationOptions.None,
                    TaskScheduler.Default);
            }
            else
            {
                closing?.Dispose();
            }
        }
    }

    /// <summary>Opens NVML when there is no session yet, then reads; null when NVML is not usable (see why).</summary>
    private List<GpuReading>? OpenAndRead(long now)
    {
        NvmlSession? current;
        lock (gate)
        {
            current = session;
        }

        if (current is null)
        {
            current = NvmlSession.Open(options.Library, options.ProcRoot, out var why);
            lock (gate)
            {
                if (current is null)
                {
                    if (why != reason)
                    {
                        LogUnavailable(logger, why!);
                    }

                    reason = why;
                    retryAtMs = now + (long)options.RetryAfter.TotalMilliseconds;
                    return null;
                }

                if (disposed)
                {
                    current.Dispose();
                    return null;
                }

                LogOpened(logger, options.Library, current.Count);
                session = current;
                reason = null;
            }
        }

        return current.Read(out var failure) ?? Broken(current, failure!);
    }

    /// <summary>NVML gave an error that ends it: close it, use the fallback, come back after a while.</summary>
    private List<GpuReading>? Broken(NvmlSession broken, string why)
    {
        LogBroken(logger, why);
        lock (gate)
        {
            session = null;
            reason = why;
            retryAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.RetryAfter.TotalMilliseconds;
        }

        broken.Dispose();
        return null;
    }

    private async Task<GpuReadout> FallbackAsync(string why, CancellationToken cancellationToken)
    {
        var readout = await fallback.ReadAsync(cancellationToken);
        return readout with { SourceReason = $"{Source}: {why}" };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NVML ({Library}) in use: {Count} GPUs")]
    private static partial void LogOpened(ILogger logger, string library, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NVML not usable ({Reason}); asking nvidia-smi instead")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "NVML stopped answering ({Reason}); asking nvidia-smi instead")]
    private static partial void LogBroken(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NVML did not answer within {Seconds} s")]
    private static partial void LogTimeout(ILogger logger, double seconds);
}
