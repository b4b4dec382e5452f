using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Mkdash.GpuBench;
using Mkdash.Gpus;
using Mkdash.Gpus.Nvml;

// Usage: Mkdash.GpuBench <path to fake_nvml.c> [nvml samples] [nvidia-smi samples]
// Times one sample of two GPUs through each path the dashboard has, and fills the 24 h history ring.
var source = args.Length > 0 ? args[0] : "tests/Mkdash.Tests/Support/fake_nvml.c";
var nvmlRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var smiRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
var folder = Directory.CreateTempSubdirectory("mkdash-gpubench-").FullName;
try
{
    var library = Bench.BuildFakeNvml(source, folder);
    var smi = Bench.WriteFakeNvidiaSmi(folder);
    Console.WriteLine($"runtime {Environment.Version}, {Environment.ProcessorCount} cores, two GPUs per sample");

    var options = new NvmlOptions { Library = library };
    using var nvml = new NvmlGpuSource(
        options, new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System),
        TimeProvider.System, NullLogger<NvmlGpuSource>.Instance);
    Bench.Check(await nvml.ReadAsync(CancellationToken.None), "NVML");
    await Bench.TimeAsync(
        "NVML (fake lib), IGpuSource.ReadAsync", nvmlRuns, () => nvml.ReadAsync(CancellationToken.None));

    var session = NvmlSession.Open(library, "/proc", out var why) ?? throw new InvalidOperationException(why);
    using (session)
    {
        await Bench.TimeAsync("NVML (fake lib), session read only", nvmlRuns, () =>
            Task.FromResult(session.Read(out _)));
    }

    var fallback = new NvidiaSmiGpuSource(smi, TimeSpan.FromSeconds(5), TimeProvider.System);
    Bench.Check(await fallback.ReadAsync(CancellationToken.None), "nvidia-smi");
    await Bench.TimeAsync(
        "nvidia-smi (fake sh script)", smiRuns, () => fallback.ReadAsync(CancellationToken.None));

    Bench.Ring();
}
finally
{
    Directory.Delete(folder, recursive: true);
}
