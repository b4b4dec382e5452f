using Mkdash.Gpus;
using Mkdash.Snapshots;

namespace Mkdash.Tests.Snapshots;

public sealed class HistoryMergeTests
{
    private static GpuSample Sample(long seconds, string source) =>
        new(seconds * 1000, source, [new GpuPoint(0, seconds, null, null, null)]);

    [Fact]
    public void Merge_KeepsMonitorSamplesBeforeAndBetweenLiveOnesButNotWhereLiveCovers()
    {
        // Monitor every 30 s for 10 min; live every 2 s from 60 s to 120 s and from 400 s on (nobody watched between).
        var monitor = Enumerable.Range(0, 21).Select(i => Sample(i * 30, "monitor")).ToList();
        var live = Enumerable.Range(30, 31).Select(i => Sample(i * 2, "live"))
            .Concat(Enumerable.Range(200, 50).Select(i => Sample(i * 2, "live"))).ToList();

        var merged = SnapshotBuilder.Merge(monitor, live);

        var fromMonitor = merged.Where(sample => sample.Source == "monitor").Select(sample => sample.TimeMs / 1000);
        Assert.Equal([0L, 30, 150, 180, 210, 240, 270, 300, 330, 360, 510, 540, 570, 600], fromMonitor);
        Assert.Equal(live.Count, merged.Count(sample => sample.Source == "live"));
        Assert.True(merged.Zip(merged.Skip(1)).All(pair => pair.First.TimeMs <= pair.Second.TimeMs));
    }

    [Fact]
    public void Merge_WithoutLiveSamples_IsTheMonitorLog()
    {
        var monitor = Enumerable.Range(0, 5).Select(i => Sample(i * 30, "monitor")).ToList();

        Assert.Equal(monitor, SnapshotBuilder.Merge(monitor, []));
    }
}
