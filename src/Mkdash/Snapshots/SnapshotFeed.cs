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

        // Each tick's JSON is written into the same buffer and compared with the last published one, so a tick
        // that changed nothing allocates next to nothing (a string per tick was a large-object-heap collection).
        var scratch = new ArrayBufferWriter<byte>(InitialJsonBytes);
        byte[]? lastComparable = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                lastComparable = await PublishIfChangedAsync(scratch, lastComparable, cancellationToken);
                await Task.Delay(tick, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last viewer left.
        }
    }

    /// <summary>Builds a snapshot and publishes it if it changed; returns what the next one is compared with.</summary>
    private async Task<byte[]?> PublishIfChangedAsync(
        ArrayBufferWriter<byte> scratch,
        byte[]? lastComparable,
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
            return lastComparable;
        }

        // Clock readings alone are no change worth sending; new values, lines or samples are.
        var unstamped = snapshot with { GeneratedMs = 0, Gpus = snapshot.Gpus with { TimeMs = 0 } };
        scratch.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(scratch))
        {
            JsonSerializer.Serialize(writer, unstamped, DashboardJsonContext.Default.StatusSnapshot);
        }

        if (lastComparable is not null && scratch.WrittenSpan.SequenceEqual(lastComparable))
        {
            return lastComparable;
        }

        var comparable = scratch.WrittenSpan.ToArray();
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
        return comparable;
    }

    private static TaskCompletionSource<PublishedSnapshot> NewSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the snapshot failed")]
    private static partial void LogBuildFailed(ILogger logger, Exception error);
}
