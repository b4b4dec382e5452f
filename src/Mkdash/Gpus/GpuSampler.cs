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
    private readonly Queue<GpuSample> history = new();
    private Task<GpuReadout>? inFlight;
    private GpuReadout? latest;

    private readonly SemaphoreSlim wake = new(0, 1);
    private long lastDemandMs = long.MinValue / 2;

    /// <summary>The newest readout, sampling now when the last one is too old.</summary>
    public async Task<GpuReadout> GetAsync(CancellationToken cancellationToken)
    {
        MarkDemand();
        var current = Volatile.Read(ref latest);
        var maxAge = options.Interval * 2;
        if (current is not null && time.GetUtcNow().ToUnixTimeMilliseconds() - current.TimeMs <= maxAge.TotalMilliseconds)
        {
            return current;
        }

        return await SampleOnceAsync().WaitAsync(options.Timeout + TimeSpan.FromSeconds(1), time, cancellationToken);
    }

    /// <summary>Live samples, oldest first.</summary>
    public IReadOnlyList<GpuSample> History()
    {
        lock (gate)
        {
            return [.. history];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (IsWatched())
            {
                await SampleOnceAsync();
                await Task.Delay(options.Interval, time, stoppingToken);
            }
            else
            {
                LogIdle(logger);
                await wake.WaitAsync(stoppingToken);
            }
        }
    }

    private void MarkDemand()
    {
        var wasWatched = IsWatched();
        Interlocked.Exchange(ref lastDemandMs, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!wasWatched && wake.CurrentCount == 0)
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
            latest = readout;
            if (readout.Available && readout.Gpus.Count > 0)
            {
                history.Enqueue(new GpuSample(readout.TimeMs, "live", [.. readout.Gpus.Select(g => g.ToPoint())]));
                while (history.Count > options.HistoryCapacity)
                {
                    history.Dequeue();
                }
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
