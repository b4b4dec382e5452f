using System.Collections.Concurrent;

namespace Mkdash.Snapshots;

/// <summary>The live feeds, one per root being watched, shared by every viewer of that root.</summary>
internal sealed class SnapshotHub(SnapshotBuilder builder, TimeProvider time, ILogger<SnapshotHub> logger)
{
    /// <summary>How often a watched root is checked for changes.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, SnapshotFeed> feeds = new(StringComparer.Ordinal);

    public SnapshotFeed Feed(string? root)
    {
        var key = root?.Trim() ?? "";
        return feeds.GetOrAdd(key, _ => new SnapshotFeed(root, builder, time, Tick, logger));
    }
}
