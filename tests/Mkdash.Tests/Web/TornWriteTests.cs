using System.Net;
using System.Text;
using System.Text.Json;
using Mkdash.Tests.Support;
using Xunit.Abstractions;

namespace Mkdash.Tests.Web;

/// <summary>
/// The runner rewrites progress.json and attempts.json in place, not atomically. A writer doing that
/// thousands of times while clients read must never produce a 5xx or a value that mixes two writes.
/// </summary>
public sealed class TornWriteTests(ITestOutputHelper output) : IDisposable
{
    private const int Rewrites = 3000;
    private const int Readers = 4;

    private readonly TempWorkspace temp = new();

    private static byte[] ProgressFor(int k) => Encoding.UTF8.GetBytes(
        $$"""{"done": {{k}}, "total": {{k + 1000}}, "last_case": "stress_args.txt", "status": "running_case", "k": "{{k}}"}""");

    private static byte[] AttemptsFor(int k) => Encoding.UTF8.GetBytes(
        $$"""[{"variant": "default", "num_envs": {{k}}, "note": "in_progress_long", "long_budget_elapsed_sec": {{k}},""" + "\n"
        + $$"""  "long_budget_target_sec": {{k + 1000}}, "check": "{{k}}-{{k}}"}]""");

    /// <summary>Truncates, writes the first half, lets a reader in, writes the rest: what json.dump does.</summary>
    private static void WriteInTwoHalves(string path, byte[] bytes, bool pause)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        file.Write(bytes, 0, bytes.Length / 2);
        file.Flush();
        if (pause)
        {
            Thread.Sleep(1);
        }

        file.Write(bytes, bytes.Length / 2, bytes.Length - (bytes.Length / 2));
    }

    [Fact]
    public async Task ReadersDuringThousandsOfInPlaceRewrites_SeeNoServerErrorAndNoMixedValue()
    {
        var root = temp.Root("case_e2e_stress");
        var attemptsPath = Path.Join(root, "runs", "stress_args", "attempts.json");
        Directory.CreateDirectory(Path.GetDirectoryName(attemptsPath)!);
        File.WriteAllBytes(Path.Join(root, "progress.json"), ProgressFor(0));
        File.WriteAllBytes(attemptsPath, AttemptsFor(0));
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--rate-limit", "0");
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var k = 1; k <= Rewrites; k++)
            {
                WriteInTwoHalves(Path.Join(root, "progress.json"), ProgressFor(k), pause: k % 2 == 0);
                WriteInTwoHalves(attemptsPath, AttemptsFor(k), pause: k % 2 == 1);
            }
        });
        var tally = new Tally();

        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            using var client = Loopback.Client(dashboard.Url);
            while (!writer.IsCompleted)
            {
                using var response = await client.GetAsync("/api/status");
                tally.Check(response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        })).ToArray();
        await writer.WaitAsync(TimeSpan.FromMinutes(3));
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine(
            $"{Rewrites} rewrites of each file, {tally.Reads} reads: {tally.ServerErrors} 5xx, {tally.Torn} mixed values, "
            + $"{tally.Stale} reads showed a kept value marked stale, {tally.Distinct.Count} distinct values seen");
        Assert.Equal(0, tally.ServerErrors);
        Assert.Equal(0, tally.Torn);
        Assert.True(tally.Reads > 100, $"only {tally.Reads} reads");
        Assert.True(tally.Distinct.Count > 10, "the readers saw the files change");
    }

    private sealed class Tally
    {
        private readonly Lock gate = new();

        public int Reads { get; private set; }

        public int ServerErrors { get; private set; }

        public int Torn { get; private set; }

        public int Stale { get; private set; }

        public HashSet<int> Distinct { get; } = [];

        public void Check(HttpStatusCode status, string body)
        {
            lock (gate)
            {
                Reads++;
                if ((int)status >= 500)
                {
                    ServerErrors++;
                    return;
                }

                var snapshot = JsonDocument.Parse(body).RootElement;
                var progress = snapshot.GetProperty("progress");
                Stale += progress.GetProperty("stale").GetBoolean() ? 1 : 0;
                var value = progress.GetProperty("value");
                if (value.ValueKind == JsonValueKind.Null)
                {
                    return;
                }

                var done = value.GetProperty("done").GetInt32();
                var same = value.GetProperty("total").GetInt32() == done + 1000
                    && value.GetProperty("extra").GetProperty("k").GetString() == done.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Distinct.Add(done);

                var attempts = snapshot.GetProperty("case").GetProperty("attempts").GetProperty("value");
                if (attempts.ValueKind == JsonValueKind.Null)
                {
                    // Caught halfway before any good read: a message, no value, nothing to mix.
                    Torn += same ? 0 : 1;
                    return;
                }

                var current = attempts.GetProperty("current");
                var fields = current.GetProperty("fields");
                var envs = fields.GetProperty("num_envs").GetInt32();
                same &= fields.GetProperty("check").GetString() == $"{envs}-{envs}"
                    && fields.GetProperty("long_budget_elapsed_sec").GetInt32() == envs
                    && fields.GetProperty("long_budget_target_sec").GetInt32() == envs + 1000;
                Torn += same ? 0 : 1;
            }
        }
    }

    public void Dispose() => temp.Dispose();
}
