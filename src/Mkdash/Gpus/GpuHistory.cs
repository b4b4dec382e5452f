namespace Mkdash.Gpus;

/// <summary>
/// Live samples in a fixed-size ring: the oldest is overwritten once it is full. Stored compactly, per sample a
/// time and a bit per GPU present, per GPU four floats (NaN for "no value"); the arrays grow to the capacity as
/// samples arrive. Not thread-safe: <see cref="GpuSampler"/> guards it.
/// </summary>
internal sealed class GpuHistory
{
    // Utilization, memory used, memory total, power: what a GpuPoint holds.
    private const int ValuesPerGpu = 4;
    private const int MaxGpus = 64;
    private const int FirstSize = 256;

    private readonly int capacity;
    private readonly long stepMs;
    private long[] times = [];
    private ulong[] present = [];
    private float[] values = [];
    private int columns;
    private int start;
    private int count;
    private long version;
    private (long Version, int MaxPoints, List<GpuSample> Points)? chart;

    // Chart buckets that no new or dropped sample can change any more (see Buckets), by bucket key.
    private readonly List<(long Key, GpuSample Point)> settled = [];
    private long settledWidth;

    // False once a sample came older than the one before (the clock was set back): then every chart is
    // computed whole, which is right for any order.
    private bool ordered = true;

    /// <param name="capacity">Samples kept.</param>
    /// <param name="step">The sampling interval; chart buckets are whole multiples of it.</param>
    public GpuHistory(int capacity, TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        stepMs = Math.Max(1, (long)step.TotalMilliseconds);
    }

    public int Count => count;

    /// <summary>Bytes held by the arrays now (they grow up to the capacity).</summary>
    public long Bytes => (times.Length * 16L) + (values.Length * 4L);

    public void Add(long timeMs, IReadOnlyList<GpuReading> gpus)
    {
        var needed = 0;
        foreach (var gpu in gpus)
        {
            if (gpu.Index is >= 0 and < MaxGpus)
            {
                needed = Math.Max(needed, gpu.Index + 1);
            }
        }

        if (needed > columns)
        {
            Widen(needed);
        }

        if (count == times.Length && times.Length < capacity)
        {
            Grow();
        }

        int slot;
        if (count < times.Length)
        {
            slot = (start + count) % times.Length;
            count++;
        }
        else
        {
            slot = start;
            start = (start + 1) % times.Length;
        }

        if (count > 1 && timeMs < times[(slot + times.Length - 1) % times.Length])
        {
            ordered = false;
        }

        times[slot] = timeMs;
        var row = values.AsSpan(slot * columns * ValuesPerGpu, columns * ValuesPerGpu);
        row.Fill(float.NaN);
        var mask = 0UL;
        foreach (var gpu in gpus)
        {
            if (gpu.Index is >= 0 and < MaxGpus)
            {
                mask |= 1UL << gpu.Index;
                var cell = row.Slice(gpu.Index * ValuesPerGpu, ValuesPerGpu);
                cell[0] = Float(gpu.Utilization);
                cell[1] = Float(gpu.MemoryUsedMiB);
                cell[2] = Float(gpu.MemoryTotalMiB);
                cell[3] = Float(gpu.PowerW);
            }
        }

        present[slot] = mask;
        version++;
    }

    /// <summary>The newest <paramref name="wanted"/> samples at full rate, oldest first.</summary>
    public List<GpuSample> Recent(int wanted)
    {
        var take = Math.Clamp(wanted, 0, count);
        var samples = new List<GpuSample>(take);
        for (var i = count - take; i < count; i++)
        {
            samples.Add(Sample(Slot(i)));
        }

        return samples;
    }

    /// <summary>
    /// At most <paramref name="maxPoints"/> samples for the chart, oldest first: every sample while they fit,
    /// else the mean of each time bucket (a whole number of sampling steps wide, aligned to the clock so a
    /// bucket keeps its value from one call to the next). A bucket with no sample (nobody watching) stays out.
    /// </summary>
    public List<GpuSample> Chart(int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (chart is { } cached && cached.Version == version && cached.MaxPoints == maxPoints)
        {
            return cached.Points;
        }

        var points = count <= maxPoints ? Recent(count) : Buckets(maxPoints);
        chart = (version, maxPoints, points);
        return points;
    }

    /// <summary>
    /// The bucket means. Buckets are aligned to the clock, so one that is neither the oldest (samples leave it as
    /// the ring turns) nor the newest (samples arrive in it) never changes: those are kept from the last call
    /// and only the two ends are computed again, while the width stays and the times only go forward.
    /// </summary>
    private List<GpuSample> Buckets(int maxPoints)
    {
        var span = times[Slot(count - 1)] - times[Slot(0)];
        var width = stepMs * Math.Max(1, (long)Math.Ceiling(span / (double)(stepMs * (maxPoints - 1))));
        if (!ordered || width != settledWidth)
        {
            settled.Clear();
            settledWidth = width;
        }

        var points = new List<GpuSample>(maxPoints);
        var sums = new double[columns * ValuesPerGpu];
        var counts = new int[columns * ValuesPerGpu];
        var firstKey = times[Slot(0)] / width;
        var i = 0;
        if (ordered && settled.Count > 0)
        {
            // The oldest bucket afresh, the settled ones after it as they were, then on from the newest settled.
            points.Add(Bucket(ref i, width, sums, counts));
            var kept = settled.FindIndex(bucket => bucket.Key > firstKey);
            if (kept >= 0)
            {
                settled.RemoveRange(0, kept);
                points.AddRange(settled.Select(bucket => bucket.Point));
                i = FirstAtOrAfter((settled[^1].Key + 1) * width);
            }
            else
            {
                settled.Clear();
            }
        }

        while (i < count)
        {
            points.Add(Bucket(ref i, width, sums, counts));
        }

        if (ordered)
        {
            // Every bucket but the oldest and the newest is settled; the oldest stays out as it changes.
            settled.Clear();
            for (var b = 1; b < points.Count - 1; b++)
            {
                settled.Add((points[b].TimeMs / width, points[b]));
            }
        }

        return points;
    }

    /// <summary>The mean of the bucket that starts at sample <paramref name="i"/>; moves i past it.</summary>
    private GpuSample Bucket(ref int i, long width, double[] sums, int[] counts)
    {
        var bucket = times[Slot(i)] / width;
        Array.Clear(sums);
        Array.Clear(counts);
        var mask = 0UL;
        var timeSum = 0.0;
        var n = 0;
        for (; i < count; i++)
        {
            var slot = Slot(i);
            var t = times[slot];
            if (t / width != bucket)
            {
                break;
            }

            timeSum += t;
            n++;
            mask |= present[slot];
            var row = values.AsSpan(slot * columns * ValuesPerGpu, columns * ValuesPerGpu);
            for (var k = 0; k < row.Length; k++)
            {
                if (!float.IsNaN(row[k]))
                {
                    sums[k] += row[k];
                    counts[k]++;
                }
            }
        }

        var mean = Points(mask, k => counts[k] > 0 ? Shown(sums[k] / counts[k]) : null);
        return new GpuSample((long)Math.Round(timeSum / n), "live", mean);
    }

    /// <summary>The first sample (oldest = 0) at or after <paramref name="timeMs"/>; times only go forward.</summary>
    private int FirstAtOrAfter(long timeMs)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (times[Slot(middle)] < timeMs)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private GpuSample Sample(int slot)
    {
        var row = values.AsSpan(slot * columns * ValuesPerGpu, columns * ValuesPerGpu).ToArray();
        var points = Points(present[slot], k => float.IsNaN(row[k]) ? null : Shown(row[k]));
        return new GpuSample(times[slot], "live", points);
    }

    private List<GpuPoint> Points(ulong mask, Func<int, double?> value)
    {
        var points = new List<GpuPoint>(System.Numerics.BitOperations.PopCount(mask));
        for (var index = 0; index < columns; index++)
        {
            if ((mask & (1UL << index)) != 0)
            {
                var k = index * ValuesPerGpu;
                points.Add(new GpuPoint(index, value(k), value(k + 1), value(k + 2), value(k + 3)));
            }
        }

        return points;
    }

    private int Slot(int i) => (start + i) % times.Length;

    private void Grow()
    {
        // Only a ring that never wrapped grows, so its samples start at slot 0.
        var size = (int)Math.Min(capacity, Math.Max(FirstSize, times.Length * 2L));
        Array.Resize(ref times, size);
        Array.Resize(ref present, size);
        Array.Resize(ref values, size * columns * ValuesPerGpu);
    }

    private void Widen(int needed)
    {
        var wider = new float[times.Length * needed * ValuesPerGpu];
        wider.AsSpan().Fill(float.NaN);
        for (var slot = 0; slot < times.Length; slot++)
        {
            values.AsSpan(slot * columns * ValuesPerGpu, columns * ValuesPerGpu)
                .CopyTo(wider.AsSpan(slot * needed * ValuesPerGpu));
        }

        values = wider;
        columns = needed;
        settled.Clear();
    }

    private static float Float(double? value) => value is double number ? (float)number : float.NaN;

    /// <summary>
    /// Two decimals, as the drivers give them: a float keeps about seven digits, so 363.52 stored comes back as
    /// 363.519989..., and a mean has many; neither belongs in the JSON.
    /// </summary>
    private static double Shown(double value) => Math.Round(value, 2);
}
