using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mkdash.Gpus;
using Mkdash.Web;

namespace Mkdash.GpuBench;

/// <summary>Stopwatch loops and the fakes they run against.</summary>
internal static class Bench
{
    private const string Rows =
        "0, NVIDIA H200, GPU-1a, 00000000:19:00.0, 86, 41, 17253, 143771, 61, 363.52, 700.00\n"
        + "1, NVIDIA H200, GPU-2b, 00000000:3B:00.0, 76, 30, 17039, 143771, 58, 323.03, 700.00\n";

    public static string BuildFakeNvml(string source, string folder)
    {
        var library = Path.Join(folder, "libnvidia-ml.so.1");
        var start = new ProcessStartInfo("gcc")
        {
            ArgumentList = { "-shared", "-fPIC", "-O2", "-o", library, source },
        };
        using (var gcc = Process.Start(start)!)
        {
            gcc.WaitForExit();
            if (gcc.ExitCode != 0)
            {
                throw new InvalidOperationException("gcc failed");
            }
        }

        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Join(folder, "fake-nvml.txt"), string.Join('\n', [
            "count=2",
            .. Gpu(0, "00000000:19:00.0", pid),
            .. Gpu(1, "00000000:3B:00.0", pid),
        ]));
        return library;
    }

    public static string WriteFakeNvidiaSmi(string folder)
    {
        var rows = Path.Join(folder, "rows.txt");
        File.WriteAllText(rows, Rows);
        var script = Path.Join(folder, "nvidia-smi");
        File.WriteAllText(script, $"#!/bin/sh\ncat '{rows}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    public static void Check(GpuReadout readout, string source)
    {
        if (readout.Source != source || readout.Gpus.Count != 2 || readout.Gpus.Any(gpu => gpu.Utilization is null))
        {
            throw new InvalidOperationException($"unexpected readout from {readout.Source}: {readout.Message}");
        }
    }

    public static async Task TimeAsync<T>(string what, int runs, Func<Task<T>> sample)
    {
        for (var i = 0; i < Math.Min(runs, 200); i++)
        {
            await sample();
        }

        var times = new double[runs];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var one = Stopwatch.GetTimestamp();
            await sample();
            times[i] = Stopwatch.GetElapsedTime(one).TotalMicroseconds;
        }

        total.Stop();
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)runs;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / runs;
        Array.Sort(times);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {runs} samples, mean {total.Elapsed.TotalMicroseconds / runs:0.0} us, "
            + $"median {times[runs / 2]:0.0} us, p99 {times[(int)(runs * 0.99)]:0.0} us, "
            + $"this process's CPU {cpuUs:0.0} us, allocated {bytes:0} B per sample"));
    }

    public static void Ring()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var history = new GpuHistory(43_200, TimeSpan.FromSeconds(2));
        GpuReading[] gpus =
        [
            new() { Index = 0, Utilization = 86, MemoryUsedMiB = 17253, MemoryTotalMiB = 143771, PowerW = 363.5 },
            new() { Index = 1, Utilization = 76, MemoryUsedMiB = 17039, MemoryTotalMiB = 143771, PowerW = 323.0 },
        ];
        var fill = Stopwatch.StartNew();
        for (var i = 0; i < 43_200; i++)
        {
            history.Add(1_796_300_000_000L + (i * 2000L), gpus);
        }

        fill.Stop();
        var chart = Stopwatch.StartNew();
        var shown = history.Chart(600);
        chart.Stop();
        var points = shown.Count;
        var json = JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<GpuSample>>(shown, JsonDefaults.Options).Length;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // What the page costs while watched: one new sample, then the chart again, every interval.
        const int Again = 50;
        var beforeAgain = GC.GetTotalAllocatedBytes(precise: true);
        var again = Stopwatch.StartNew();
        for (var i = 0; i < Again; i++)
        {
            history.Add(1_796_300_000_000L + ((43_200 + i) * 2000L), gpus);
            history.Chart(600);
        }

        again.Stop();
        var againBytes = (GC.GetTotalAllocatedBytes(precise: true) - beforeAgain) / Again;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"history ring, 24 h at 2 s, two GPUs: {history.Count} samples in {history.Bytes} B "
            + $"({history.Bytes / (double)history.Count:0} B a sample), "
            + $"filled in {fill.Elapsed.TotalMilliseconds:0.0} ms "
            + $"({allocated} B allocated incl. growth); chart of {points} points in "
            + $"{chart.Elapsed.TotalMilliseconds:0.0} ms (first call); then one sample + chart "
            + $"{again.Elapsed.TotalMilliseconds / Again:0.00} ms, {againBytes} B allocated; "
            + $"the chart's points are {json} B of JSON in the snapshot"));
    }

    private static string[] Gpu(int index, string bus, string pid) =>
    [
        $"gpu{index}.name=NVIDIA H200",
        $"gpu{index}.uuid=GPU-{index}",
        $"gpu{index}.bus={bus}",
        $"gpu{index}.util=80",
        $"gpu{index}.memutil=40",
        $"gpu{index}.memused_mib=17000",
        $"gpu{index}.memtotal_mib=143771",
        $"gpu{index}.temp=60",
        $"gpu{index}.power_mw=350000",
        $"gpu{index}.limit_mw=700000",
        $"gpu{index}.procs={pid}:16000",
    ];
}
