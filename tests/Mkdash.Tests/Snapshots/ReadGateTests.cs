using Mkdash.Snapshots;

namespace Mkdash.Tests.Snapshots;

/// <summary>A read that hangs (a stuck network filesystem) costs a timeout, not the server.</summary>
public sealed class ReadGateTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task AReadThatHangs_EndsInATimeoutWithAMessage()
    {
        using var gate = new ReadGate(2, Limit);
        using var stuck = new ManualResetEventSlim();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => gate.RunAsync(() => stuck.Wait(10_000), default));
        stuck.Set();

        Assert.Contains("stuck disk or network filesystem", error.Message);
    }

    [Fact]
    public async Task WhenEverySlotIsStuck_CallersTimeOutWithoutStartingAnotherRead_AndAllRecoverAfter()
    {
        using var gate = new ReadGate(1, Limit);
        using var stuck = new ManualResetEventSlim();
        var started = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => gate.RunAsync(() => stuck.Wait(10_000), default));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => gate.RunAsync(() => Interlocked.Increment(ref started), default));
        waited.Stop();
        stuck.Set();
        var after = await gate.RunAsync(() => 42, default);

        Assert.Equal(0, started);
        Assert.InRange(waited.Elapsed, Limit * 0.8, Limit * 5);
        Assert.Equal(42, after);
    }
}
