namespace Mkdash.Snapshots;

/// <summary>
/// A value worked out at most once per period for every viewer: for things that cost a scan
/// (/proc, the log dir) and may be a few seconds old.
/// </summary>
internal sealed class TimedValue<TKey, TValue>(Func<TKey, TValue> compute, TimeSpan period, TimeProvider time)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, (TValue Value, long Ticks)> values = [];

    public TValue Get(TKey key)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            if (values.TryGetValue(key, out var known) && time.GetElapsedTime(known.Ticks, now) < period)
            {
                return known.Value;
            }
        }

        var value = compute(key);
        lock (gate)
        {
            // A handful of keys at most (roots being viewed); forget them all rather than grow.
            if (values.Count > 64)
            {
                values.Clear();
            }

            values[key] = (value, now);
        }

        return value;
    }
}
