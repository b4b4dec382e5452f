namespace Mkdash.Gpus;

/// <summary>
/// One sampler for every viewer: samples the GPUs every interval while someone has asked recently,
/// sleeps otherwise, and keeps the live samples for the trend.
/// </summary>
internal sealed partial class GpuSampler(
    IGpuSource source,
    GpuSamplerOptions options,
    TimeProvider time,
    ILogger<GpuSampler> logger) : BackgroundService
{
    private readonly Lock gate = new();

    // Guarded by gate.
    private readonly GpuHistory history = new(options.HistoryCapacity, options.Interval);
    private Task<GpuReadout>? inFlight;

    private readonly SemaphoreSlim wake = new(0, 1);
    private GpuReadout? latest;
    private long lastDemandMs = long.MinValue / 2;
    private int sleeping;

    /// <summary>True while the loop waits for a viewer (for tests and the log).</summary>
    public bool IsSleeping => Volatile.Read(ref sleeping) == 1;

    /// <summary>The newest readout, sampling now when the last one is too old.</summary>
    public async Task<GpuReadout> GetAsync(CancellationToken cancellationToken)
    {
        MarkDemand();
        var current = Volatile.Read(ref latest);
        if (current is not null && Age(current) <= options.Interval * 2)
        {
            return current;
        }

        return await SampleOnceAsync().WaitAsync(options.Timeout + TimeSpan.FromSeconds(2), time, cancellationToken);
    }

    /// <summary>The newest <paramref name="count"/> live samples at full rate, oldest first (health rules).</summary>
    public IReadOnlyList<GpuSample> Recent(int count)
    {
        lock (gate)
        {
            return history.Recent(count);
        }
    }

    /// <summary>Live samples for the chart, oldest first: at most the configured points, bucket means beyond.</summary>
    public IReadOnlyList<GpuSample> Chart()
    {
        lock (gate)
        {
            return history.Chart(options.ChartPoints);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!IsWatched())
                {
                    await SleepAsync(stoppingToken);
                    continue;
                }

                // A viewer that just woke the loop has usually sampled already.
                var current = Volatile.Read(ref latest);
                if (current is null || Age(current) >= options.Interval / 2)
                {
                    await SampleOnceAsync();
                }

                await Task.Delay(options.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SleepAsync(CancellationToken stoppingToken)
    {
        Volatile.Write(ref sleeping, 1);
        try
        {
            // Checked again after saying so: a viewer arriving in between sees the flag and wakes us.
            if (!IsWatched())
            {
                LogIdle(logger);
                await wake.WaitAsync(stoppingToken);
            }
        }
        finally
        {
            Volatile.Write(ref sleeping, 0);
        }
    }

    private void MarkDemand()
    {
        Interlocked.Exchange(ref lastDemandMs, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (Volatile.Read(ref sleeping) == 1 && wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it first.
            }
        }
    }

    private bool IsWatched()
    {
        var since = time.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref lastDemandMs);
        return since <= options.IdleAfter.TotalMilliseconds;
    }

    private TimeSpan Age(GpuReadout readout) =>
        TimeSpan.FromMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds() - readout.TimeMs);

    private Task<GpuReadout> SampleOnceAsync()
    {
        lock (gate)
        {
            // Callers that arrive while a sample runs share it; a finished one is never reused.
            if (inFlight is null || inFlight.IsCompleted)
            {
                inFlight = Task.Run(SampleAsync);
            }

            return inFlight;
        }
    }

    private async Task<GpuReadout> SampleAsync()
    {
        GpuReadout readout;
        try
        {
            using var deadline = new CancellationTokenSource(options.Timeout + TimeSpan.FromSeconds(1));
            readout = await source.ReadAsync(deadline.Token);
            LogSampled(logger, readout.Source, readout.Gpus.Count);
        }
        catch (Exception error)
        {
            LogFailed(logger, error);
            readout = GpuReadout.Unavailable("sampler", error.Message, time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        lock (gate)
        {
            Volatile.Write(ref latest, readout);
            if (readout.Available && readout.Gpus.Count > 0)
            {
                history.Add(readout.TimeMs, readout.Gpus);
            }
        }

        return readout;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sampled {Count} GPUs from {Source}")]
    private static partial void LogSampled(ILogger logger, string source, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No viewer for a while; GPU sampler sleeps")]
    private static partial void LogIdle(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GPU sampling failed")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
