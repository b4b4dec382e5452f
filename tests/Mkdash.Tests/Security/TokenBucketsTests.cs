using System.Net;
using Mkdash.Security;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Security;

public sealed class TokenBucketsTests
{
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.1");

    [Fact]
    public void ABurst_IsAllowedUpToItsSize_ThenRefillsAtTheRate()
    {
        var clock = new ManualClock();
        var buckets = new TokenBuckets(perSecond: 10, burst: 20, clock);

        var burst = Enumerable.Range(0, 25).Count(_ => buckets.TryTake(Client));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var halfASecondLater = Enumerable.Range(0, 10).Count(_ => buckets.TryTake(Client));
        clock.Advance(TimeSpan.FromHours(1));
        var anHourLater = Enumerable.Range(0, 25).Count(_ => buckets.TryTake(Client));

        Assert.Equal(20, burst);
        Assert.Equal(5, halfASecondLater);
        Assert.Equal(20, anHourLater);
    }

    [Fact]
    public void Clients_HaveABucketEach()
    {
        var buckets = new TokenBuckets(perSecond: 1, burst: 1, new ManualClock());

        Assert.True(buckets.TryTake(Client));
        Assert.False(buckets.TryTake(Client));
        Assert.True(buckets.TryTake(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void ManyClients_AreForgottenOnceTheirBucketsAreFull_SoMemoryStaysBounded()
    {
        var clock = new ManualClock();
        var buckets = new TokenBuckets(perSecond: 1, burst: 2, clock);
        for (var i = 0; i < 5000; i++)
        {
            buckets.TryTake(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)));
        }

        var many = buckets.Clients;
        clock.Advance(TimeSpan.FromSeconds(5));
        buckets.TryTake(Client);

        Assert.Equal(5000, many);
        Assert.Equal(1, buckets.Clients);
        Assert.True(buckets.TryTake(Client));
        Assert.False(buckets.TryTake(Client));
    }
}
