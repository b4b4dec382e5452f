using Microsoft.Extensions.Logging.Abstractions;
using Mkdash.Gpus;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Gpus;

public sealed class GpuSamplerTests : IDisposable
{
    private const string Row = "0, G, GPU-1, 00000000:19:00.0, 50, 1, 2, 3, 4, 5, 6";

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task GetAsync_ForManyViewersAtOnce_RunsNvidiaSmiOnce()
    {
        var counter = Path.Join(temp.Folder, "calls");
        var smi = FakeNvidiaSmi.Create(temp, "counting", $"echo x >> '{counter}'\nsleep 0.3\necho '{Row}'");
        var source = new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System);
        using var sampler = new GpuSampler(
            source, new GpuSamplerOptions(), TimeProvider.System, NullLogger<GpuSampler>.Instance);

        var readouts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sampler.GetAsync(CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(readouts, readout => Assert.Equal(50, readout.Gpus[0].Utilization));
        Assert.Single(File.ReadAllLines(counter));
        Assert.Single(sampler.Recent(10));
    }

    [Fact]
    public async Task Sampler_SamplesWhileWatchedAndSleepsWhenNobodyAsks()
    {
        var counter = Path.Join(temp.Folder, "calls");
        var smi = FakeNvidiaSmi.Create(temp, "counting", $"echo x >> '{counter}'\necho '{Row}'");
        var source = new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System);
        var options = new GpuSamplerOptions
        {
            Interval = TimeSpan.FromMilliseconds(100),
            // Long enough for three samples of a shell script even on a loaded machine.
            IdleAfter = TimeSpan.FromSeconds(2),
        };
        using var sampler = new GpuSampler(source, options, TimeProvider.System, NullLogger<GpuSampler>.Instance);
        await sampler.StartAsync(CancellationToken.None);
        await WaitFor(() => sampler.IsSleeping);
        Assert.False(File.Exists(counter));

        // One viewer wakes it; it keeps sampling in the background without being asked again.
        await sampler.GetAsync(CancellationToken.None);
        await WaitFor(() => File.Exists(counter) && File.ReadAllLines(counter).Length >= 3);
        Assert.False(sampler.IsSleeping);

        // Nobody asks for longer than IdleAfter: it sleeps and nvidia-smi is not run any more.
        await WaitFor(() => sampler.IsSleeping);
        var asleep = File.ReadAllLines(counter).Length;
        await Task.Delay(500);
        Assert.Equal(asleep, File.ReadAllLines(counter).Length);
        Assert.True(sampler.Recent(100).Count >= 3);
        await sampler.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(2, 43_200)]
    [InlineData(0.5, 172_800)]
    [InlineData(60, 1_440)]
    public void HistoryCapacity_IsADayAtTheInterval(double seconds, int samples)
    {
        var options = new GpuSamplerOptions { Interval = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(samples, options.HistoryCapacity);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(20);
        }
    }

    public void Dispose() => temp.Dispose();
}
