using System.Text.Json;
using Mkdash.Gpus;

namespace Mkdash.Tests.Gpus;

public sealed class GpuHistoryTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private static GpuReading[] Gpus(double utilization, int count = 2) =>
    [
        .. Enumerable.Range(0, count).Select(index => new GpuReading
        {
            Index = index,
            Utilization = utilization + index,
            MemoryUsedMiB = 1000,
            MemoryTotalMiB = 143771,
            PowerW = index == 0 ? 363.52 : null,
        }),
    ];

    [Fact]
    public void Add_PastTheCapacity_KeepsTheNewestInOrder()
    {
        var history = new GpuHistory(5, Step);

        for (var i = 0; i < 8; i++)
        {
            history.Add(i * 2000L, Gpus(i));
        }

        Assert.Equal(5, history.Count);
        var recent = history.Recent(100);
        Assert.Equal([6000L, 8000, 10000, 12000, 14000], recent.Select(sample => sample.TimeMs));
        Assert.Equal(7, recent[^1].Gpus[0].Utilization);
        Assert.Equal(8, recent[^1].Gpus[1].Utilization);
        Assert.Null(recent[^1].Gpus[1].PowerW);
        // Stored as a float, shown as the driver gave it (not 363.519989013671875).
        Assert.Equal(363.52, recent[^1].Gpus[0].PowerW);
        Assert.Equal([12000L, 14000], history.Recent(2).Select(sample => sample.TimeMs));
    }

    [Fact]
    public void Chart_OfADayAtFullRate_IsBucketMeansOfAtMostTheAskedPoints()
    {
        // 24 h at 2 s, two GPUs: the default ring, full.
        var history = new GpuHistory(43_200, Step);
        var start = 1_796_300_000_000L;
        for (var i = 0; i < 43_200; i++)
        {
            history.Add(start + (i * 2000L), Gpus(i % 2 == 0 ? 40 : 60));
        }

        var chart = history.Chart(600);

        Assert.InRange(chart.Count, 500, 600);
        // Every whole bucket holds as many 40s as 60s, give or take one.
        Assert.All(chart[1..^1], sample => Assert.Equal(50, sample.Gpus[0].Utilization!.Value, 0.5));
        Assert.All(chart, sample => Assert.Equal(363.52, sample.Gpus[0].PowerW));
        Assert.All(chart, sample => Assert.Equal(2, sample.Gpus.Count));
        Assert.True(chart.Zip(chart.Skip(1)).All(pair => pair.First.TimeMs < pair.Second.TimeMs));
        Assert.Same(chart, history.Chart(600));

        // 43,200 samples x 2 GPUs: 8 B time + 8 B GPU mask + 2 x 16 B values = 48 B a sample, about 2 MiB.
        Assert.Equal(43_200L * 48, history.Bytes);
    }

    [Fact]
    public void Chart_AfterEverySample_IsWhatAWholeComputationGives()
    {
        // Watched all along (a chart after every sample) against computed once from scratch, across the ring
        // turning, gaps while nobody watched, a third GPU appearing and the bucket width growing.
        var samples = new List<(long Time, GpuReading[] Gpus)>();
        var time = 1_796_300_000_000L;
        for (var i = 0; i < 3000; i++)
        {
            time += i % 397 == 0 ? 600_000 : 2000;
            samples.Add((time, Gpus(i % 7 * 10, count: i < 1500 ? 2 : 3)));
        }

        var watched = new GpuHistory(1000, Step);
        for (var i = 0; i < samples.Count; i++)
        {
            watched.Add(samples[i].Time, samples[i].Gpus);
            var chart = watched.Chart(50);
            if (i % 250 == 249)
            {
                var fresh = new GpuHistory(1000, Step);
                foreach (var (t, gpus) in samples.Take(i + 1))
                {
                    fresh.Add(t, gpus);
                }

                Assert.Equal(JsonSerializer.Serialize(fresh.Chart(50)), JsonSerializer.Serialize(chart));
            }
        }
    }

    [Fact]
    public void Chart_WhenTheClockGoesBack_StillHasEverySampleInABucket()
    {
        var history = new GpuHistory(1000, Step);
        for (var i = 0; i < 400; i++)
        {
            history.Add((i < 200 ? 1_000_000L : 500_000L) + (i * 2000L), Gpus(50));
            history.Chart(50);
        }

        var chart = history.Chart(50);

        // Both runs of times are there, each sample in one bucket, in the order they came.
        Assert.All(chart, sample => Assert.Equal(50, sample.Gpus[0].Utilization));
        Assert.InRange(chart[0].TimeMs, 1_000_000, 1_010_000);
        Assert.Contains(chart, sample => sample.TimeMs < 1_000_000);
        Assert.InRange(chart[^1].TimeMs, 1_290_000, 1_298_000);
    }

    [Fact]
    public void Chart_WhileTheSamplesFit_IsEverySample()
    {
        var history = new GpuHistory(1000, Step);
        for (var i = 0; i < 10; i++)
        {
            history.Add(i * 2000L, Gpus(i, count: i < 5 ? 1 : 3));
        }

        var chart = history.Chart(600);

        Assert.Equal(10, chart.Count);
        Assert.Single(chart[0].Gpus);
        Assert.Equal(3, chart[^1].Gpus.Count);
        Assert.Equal(11, chart[^1].Gpus[2].Utilization);
    }
}
