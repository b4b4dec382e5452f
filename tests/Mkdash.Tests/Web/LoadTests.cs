using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Mkdash.Tests.Support;
using Xunit.Abstractions;

namespace Mkdash.Tests.Web;

/// <summary>
/// The real program under load on loopback: 200 live streams, 20 stalled ones that never read, and 500
/// requests a second from ten client addresses, while the pipeline writes. No errors; memory stays flat.
/// MKDASH_LOAD_SECONDS sets the length (20 s by default; the figures in the notes come from 60).
/// </summary>
[Collection(AloneGroup.Name)]
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Streams = 200;
    private const int StalledStreams = 20;
    private const int Clients = 10;
    private const int RequestsPerSecond = 500;

    private readonly TempWorkspace temp = new();

    private static TimeSpan Length() =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("MKDASH_LOAD_SECONDS"), out var s) ? s : 20);

    [Fact]
    public async Task StreamsAndRequestsOnLoopback_HaveNoErrors_AndMemoryStaysBounded()
    {
        var root = temp.SampleRoot();
        var before = temp.Checksum(except: "progress.json");
        await using var server = await ServerProcess.StartAsync(
        [
            "--workspace", temp.Workspace, "--log-dir", temp.LogDir, "--port", "0", "--nvml-library", "off",
            "--nvidia-smi", Path.Join(temp.Folder, "no-nvidia-smi"),
        ]);
        using var stop = new CancellationTokenSource();
        var length = Length();

        // The pipeline moves on every second, so every stream has something to send.
        var progressWriter = Task.Run(async () =>
        {
            var step = 0;
            while (!stop.IsCancellationRequested)
            {
                step++;
                var json = $$"""{"done": {{step % 2}}, "total": 2, "last_case": "amp_humanoid_args.txt", "tick": {{step}}}""";
                await File.WriteAllTextAsync(Path.Join(root, "progress.json"), json);
                await Task.Delay(1000);
            }
        });

        // Viewers come from many addresses (127.0.1.x), ten streams each, as the rate limit counts per address.
        var streamClients = Enumerable.Range(0, Streams / 10)
            .Select(c => Loopback.ClientFrom($"127.0.1.{c + 1}", server.Origin, timeout: Timeout.InfiniteTimeSpan))
            .ToArray();
        var events = new int[Streams];
        var streamErrors = 0;
        var streams = Enumerable.Range(0, Streams).Select(i => Task.Run(async () =>
        {
            try
            {
                using var response = await streamClients[i / 10].GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
                var buffer = new byte[64 * 1024];
                int n;
                while ((n = await body.ReadAsync(buffer, stop.Token)) > 0)
                {
                    events[i] += Count(buffer.AsSpan(0, n), "event: snapshot"u8);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The end of the run.
            }
            catch (Exception)
            {
                Interlocked.Increment(ref streamErrors);
            }
        })).ToArray();
        var stalled = await OpenStalledStreamsAsync(new Uri(server.Origin));

        var latencies = new List<double>();
        var requestErrors = 0;
        var statuses = new Dictionary<int, int>();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = Loopback.ClientFrom($"127.0.0.{c + 2}", server.Origin);
            var every = TimeSpan.FromSeconds((double)Clients / RequestsPerSecond);
            var clock = Stopwatch.StartNew();
            var inFlight = new List<Task>();
            for (var n = 0; clock.Elapsed < length; n++)
            {
                var due = every * n;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                // A script waits for its answers at some point: at most 50 requests in flight per client.
                inFlight.RemoveAll(task => task.IsCompleted);
                if (inFlight.Count >= 50)
                {
                    await Task.WhenAny(inFlight);
                }

                inFlight.Add(Task.Run(async () =>
                {
                    var timer = Stopwatch.StartNew();
                    try
                    {
                        using var response = await client.GetAsync("/api/status");
                        await response.Content.CopyToAsync(Stream.Null);
                        lock (latencies)
                        {
                            latencies.Add(timer.Elapsed.TotalMilliseconds);
                            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        }
                    }
                    catch (Exception error)
                    {
                        if (Interlocked.Increment(ref requestErrors) <= 3)
                        {
                            output.WriteLine($"request failed: {error.GetType().Name}: {error.Message}");
                        }
                    }
                }));
            }

            await Task.WhenAll(inFlight);
        })).ToArray();

        var memory = new List<long>();
        var cpuStart = server.CpuTime();
        var wall = Stopwatch.StartNew();
        while (!clients.All(task => task.IsCompleted))
        {
            memory.Add(server.ResidentKiB());
            await Task.Delay(1000);
        }

        await Task.WhenAll(clients);
        var cpu = server.CpuTime() - cpuStart;
        var wallTime = wall.Elapsed;
        stop.Cancel();
        await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(30));
        await progressWriter.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var socket in stalled)
        {
            socket.Dispose();
        }

        foreach (var client in streamClients)
        {
            client.Dispose();
        }

        latencies.Sort();
        var ok = statuses.GetValueOrDefault(200);
        var third = memory[memory.Count / 3];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{length.TotalSeconds:0} s: {latencies.Count} requests ({latencies.Count / length.TotalSeconds:0}/s), "
            + $"{ok} answered 200, {requestErrors} failed; p50 {latencies[latencies.Count / 2]:0.0} ms, "
            + $"p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms; {Streams} streams got {events.Min()}-{events.Max()} "
            + $"snapshots each, {streamErrors} stream errors, {StalledStreams} stalled streams; server CPU "
            + $"{cpu.TotalSeconds / wallTime.TotalSeconds * 100:0}% of one core; RSS start {memory[0] / 1024} MiB, "
            + $"a third in {third / 1024} MiB, peak {memory.Max() / 1024} MiB, end {memory[^1] / 1024} MiB"));

        Assert.Equal(0, requestErrors);
        Assert.Equal(latencies.Count, ok);
        Assert.Equal(0, streamErrors);
        Assert.All(events, count => Assert.True(count >= 2, $"a stream got {count} snapshots"));
        Assert.True(latencies.Count >= RequestsPerSecond * length.TotalSeconds * 0.9, $"only {latencies.Count} requests");
        Assert.True(memory.Max() < 400 * 1024, $"peak RSS {memory.Max() / 1024} MiB");
        Assert.True(memory[^1] < (third * 1.3) + (30 * 1024), $"RSS grew from {third / 1024} to {memory[^1] / 1024} MiB");
        Assert.Equal(before, temp.Checksum(except: "progress.json"));
    }

    /// <summary>Streams that ask and then never read: the server must not buffer for them without bound.</summary>
    private static async Task<List<Socket>> OpenStalledStreamsAsync(Uri server)
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < StalledStreams; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse($"127.0.2.{i + 1}"), 0));
            await socket.ConnectAsync(server.Host, server.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/events HTTP/1.1\r\nHost: {server.Host}\r\n\r\n"));
            sockets.Add(socket);
        }

        return sockets;
    }

    private static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var count = 0;
        int at;
        while ((at = text.IndexOf(word)) >= 0)
        {
            count++;
            text = text[(at + word.Length)..];
        }

        return count;
    }

    public void Dispose() => temp.Dispose();
}
