using System.Collections.Concurrent;
using System.Net;

namespace Mkdash.Security;

/// <summary>
/// One token bucket per client address, refilled from the clock when that client asks, not by a timer:
/// with nobody asking it costs nothing (ASP.NET's partitioned limiter wakes ten times a second for good,
/// which was more than half of the dashboard's idle CPU with a page open).
/// </summary>
internal sealed class TokenBuckets(double perSecond, double burst, TimeProvider time)
{
    private const int MaxClients = 4096;

    private readonly ConcurrentDictionary<IPAddress, Bucket> buckets = new();

    /// <summary>Clients with a bucket that is not full.</summary>
    public int Clients => buckets.Count;

    /// <summary>Takes a token for <paramref name="client"/>; false when it has none left.</summary>
    public bool TryTake(IPAddress client)
    {
        var now = time.GetTimestamp();
        if (buckets.Count >= MaxClients)
        {
            ForgetFullBuckets(now);
        }

        var bucket = buckets.GetOrAdd(client, _ => new Bucket(burst, now));
        lock (bucket)
        {
            bucket.Refill(perSecond, burst, time.GetElapsedTime(bucket.Stamp, now).TotalSeconds, now);
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    /// <summary>A client whose bucket has refilled is no different from one never seen: drop it.</summary>
    private void ForgetFullBuckets(long now)
    {
        foreach (var (client, bucket) in buckets)
        {
            lock (bucket)
            {
                var refilled = bucket.Tokens + (perSecond * time.GetElapsedTime(bucket.Stamp, now).TotalSeconds);
                if (refilled >= burst)
                {
                    buckets.TryRemove(client, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; private set; } = stamp;

        public void Refill(double perSecond, double burst, double seconds, long now)
        {
            Tokens = Math.Min(burst, Tokens + (perSecond * seconds));
            Stamp = now;
        }
    }
}
