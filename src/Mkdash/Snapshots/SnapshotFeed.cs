using System.Buffers;
using System.Text.Json;
using Mkdash.Web;

namespace Mkdash.Snapshots;

/// <summary>
/// One root's live snapshot for every viewer of it: built once per tick while anyone watches,
/// serialized once, and published only when something in it changed.
/// </summary>
internal sealed partial class SnapshotFeed(
    string? root,
    SnapshotBuilder builder,
    TimeProvider time,
    TimeSpan tick,
    ILogger logger)
{
    /// <summary>About one snapshot of a busy root; the buffer grows if it must.</summary>
    private const int InitialJsonBytes = 128 * 1024;

    private readonly Lock gate = new();

    // Guarded by gate.
    private int viewers;
    private Action? stopLoop;
    private PublishedSnapshot? latest;
    private TaskCompletionSource<PublishedSnapshot> next = NewSignal();

    /// <summary>Counts a viewer in; the feed runs while it has any.</summary>
    public void Join()
    {
        lock (gate)
        {
            viewers++;
            if (stopLoop is null)
            {
                // The loop owns its token source and disposes it when it ends.
                var stop = new CancellationTokenSource();
                stopLoop = stop.Cancel;
                _ = Task.Run(() => RunAsync(stop));
            }
        }
    }

    public void Leave()
    {
        lock (gate)
        {
            viewers--;
            if (viewers == 0 && stopLoop is not null)
            {
                stopLoop();
                stopLoop = null;

                // A viewer arriving later must not be handed a snapshot from before it came.
                latest = null;
            }
        }
    }

    /// <summary>The newest snapshot newer than <paramref name="haveVersion"/>, waiting for one if needed.</summary>
    public async Task<PublishedSnapshot> NextAsync(long haveVersion, CancellationToken cancellationToken)
    {
        Task<PublishedSnapshot> waiting;
        lock (gate)
        {
            if (latest is not null && latest.Version > haveVersion)
            {
                return latest;
            }

            waiting = next.Task;
        }

        return await waiting.WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationTokenSource stop)
    {
        using var owned = stop;
        var cancellationToken = stop.Token;

        // Each tick's JSON is written into one of two buffers and compared with the last published one in the
        // other; they swap when it changed. A tick allocates no copy of it: a string or an array of that size each
        // tick lands on the large object heap, which only full collections free.
        var current = new ArrayBufferWriter<byte>(InitialJsonBytes);
        var published = new ArrayBufferWriter<byte>(InitialJsonBytes);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await PublishIfChangedAsync(current, published, cancellationToken))
                {
                    (current, published) = (published, current);
                }

                await Task.Delay(tick, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last viewer left.
        }
    }

    /// <summary>Builds a snapshot into <paramref name="current"/>; publishes it if it differs from the last.</summary>
    /// <returns>True when it was published: <paramref name="current"/> is then the one to compare with.</returns>
    private async Task<bool> PublishIfChangedAsync(
        ArrayBufferWriter<byte> current,
        ArrayBufferWriter<byte> last,
        CancellationToken cancellationToken)
    {
        StatusSnapshot snapshot;
        try
        {
            snapshot = await builder.BuildAsync(root, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogBuildFailed(logger, error);
            return false;
        }

        // Clock readings alone are no change worth sending; new values, lines or samples are.
        var unstamped = snapshot with { GeneratedMs = 0, Gpus = snapshot.Gpus with { TimeMs = 0 } };
        current.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(current))
        {
            JsonSerializer.Serialize(writer, unstamped, DashboardJsonContext.Default.StatusSnapshot);
        }

        if (last.WrittenCount > 0 && current.WrittenSpan.SequenceEqual(last.WrittenSpan))
        {
            return false;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, DashboardJsonContext.Default.StatusSnapshot);
        TaskCompletionSource<PublishedSnapshot> signal;
        PublishedSnapshot published;
        lock (gate)
        {
            published = new PublishedSnapshot((latest?.Version ?? 0) + 1, json);
            latest = published;
            signal = next;
            next = NewSignal();
        }

        signal.TrySetResult(published);
        return true;
    }

    private static TaskCompletionSource<PublishedSnapshot> NewSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the snapshot failed")]
    private static partial void LogBuildFailed(ILogger logger, Exception error);
}
