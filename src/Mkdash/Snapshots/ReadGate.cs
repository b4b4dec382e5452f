namespace Mkdash.Snapshots;

/// <summary>
/// Runs the blocking file reads of a snapshot off the request thread, a few at a time, each with a time
/// limit. A read that hangs (a stuck network filesystem) cannot be cancelled, but it holds only its own
/// slot: once every slot is stuck, callers get a timeout at once instead of piling up threads.
/// </summary>
internal sealed class ReadGate(int width, TimeSpan limit) : IDisposable
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim slots = new(width, width);

    public TimeSpan Limit => limit;

    public async Task<T> RunAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        if (!await slots.WaitAsync(limit, cancellationToken))
        {
            throw Timeout();
        }

        var work = Task.Run(read, CancellationToken.None);

        // The slot comes back when the read ends, however long that takes, not when the caller gives up.
        _ = work.ContinueWith(
            _ => slots.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            return await work.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw Timeout();
        }
    }

    private TimeoutException Timeout()
    {
        return new TimeoutException(
            $"reading the workspace took over {limit.TotalSeconds:0.#} s (a stuck disk or network filesystem?); "
            + "the dashboard keeps trying");
    }

    public void Dispose() => slots.Dispose();
}
