using Microsoft.Extensions.Logging.Abstractions;
using Mkdash.Gpus;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Gpus;

public sealed class GpuSamplerTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task GetAsync_ForManyViewersAtOnce_RunsNvidiaSmiOnce()
    {
        var counter = Path.Join(temp.Folder, "calls");
        var smi = FakeNvidiaSmi.Create(temp, "counting", $"echo x >> '{counter}'\nsleep 0.3\necho '0, G, 50, 1, 2, 3, 4'");
        var source = new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System);
        using var sampler = new GpuSampler(source, new GpuSamplerOptions(), TimeProvider.System, NullLogger<GpuSampler>.Instance);

        var readouts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sampler.GetAsync(CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(readouts, readout => Assert.Equal(50, readout.Gpus[0].Utilization));
        Assert.Single(File.ReadAllLines(counter));
        Assert.Single(sampler.History());
    }

    public void Dispose() => temp.Dispose();
}
