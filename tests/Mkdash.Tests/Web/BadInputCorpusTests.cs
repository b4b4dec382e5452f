using System.Text;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>
/// Bad files, query strings and headers, each against a real server: never a 5xx, never a crash, always an
/// answer that parses where JSON is promised, the server still serving afterwards, and the workspace untouched.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private const string Root = "case_e2e_corpus";
    private const string Case = "corpus_args";

    private readonly TempWorkspace temp = new();

    private static readonly string Progress =
        """{"done": 1, "total": 4, "last_case": "corpus_args.txt", "status": "running_case"}""";

    /// <summary>
    /// Each case by name: where to write (relative to the root, or to the log dir with "log:") and what. Only the
    /// names go through test discovery; the bytes (some are megabytes) are made when a case runs.
    /// </summary>
    private static readonly Lazy<Dictionary<string, (string Where, byte[] Bytes)>> FileCases = new(MakeFileCases);

    public static TheoryData<string> Files()
    {
        var names = new TheoryData<string>();
        foreach (var name in FileCases.Value.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    private static Dictionary<string, (string Where, byte[] Bytes)> MakeFileCases()
    {
        static byte[] U(string text) => Encoding.UTF8.GetBytes(text);
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var bigJson = U("{\"done\": 1, \"pad\": \"" + new string('x', 17 * 1024 * 1024) + "\"}");
        var random = new byte[256 * 1024];
        new Random(7).NextBytes(random);
        var attempts = $"runs/{Case}/attempts.json";
        var manyAttempts = "[" + string.Join(",", Enumerable.Range(0, 10_000).Select(
            i => $$"""{"variant": "v{{i}}", "num_envs": {{i}}, "note": "ok"}""")) + "]";
        var cases = new List<(string Name, string Where, byte[] Bytes)>
        {
            ( "progress empty", "progress.json", [] ),
            ( "progress cut", "progress.json", U("""{"done": 3, "tot""") ),
            ( "progress array", "progress.json", U("[1, 2, 3]") ),
            ( "progress null", "progress.json", U("null") ),
            ( "progress string", "progress.json", U("\"done\"") ),
            ( "progress NaN Infinity", "progress.json", U("""{"done": NaN, "total": Infinity, "x": -Infinity}""") ),
            ( "progress text numbers", "progress.json", U("""{"done": "three", "total": [4]}""") ),
            ( "progress 1e400", "progress.json", U("""{"done": 1e400, "total": -1e400}""") ),
            ( "progress negative", "progress.json", U("""{"done": -5, "total": 0, "last_case": "x_args.txt"}""") ),
            ( "progress overflow", "progress.json", U("""{"done": 99999999999999999999999, "total": 1}""") ),
            ( "progress deep", "progress.json", U(deep) ),
            ( "progress bad utf8", "progress.json", [.. U("{\"status\": \""), 0xC3, 0x28, 0xFF, .. U("\", \"done\": 1}")] ),
            ( "progress utf16", "progress.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Progress)).ToArray() ),
            ( "progress nul bytes", "progress.json", [0, 0, 0, .. U(Progress), 0] ),
            ( "progress over cap", "progress.json", bigJson ),
            ( "progress bom commas comments", "progress.json", [0xEF, 0xBB, 0xBF, .. U("{\"done\": 2, /* c */ \"total\": 3,}")] ),
            ( "progress case escapes", "progress.json", U("""{"done": 0, "total": 1, "last_case": "../../../etc/passwd"}""") ),
            ( "progress case absolute", "progress.json", U("""{"done": 0, "total": 1, "last_case": "/etc/passwd.txt"}""") ),
            ( "progress case number", "progress.json", U("""{"done": 0, "total": 1, "last_case": 12345}""") ),
            ( "progress case empty", "progress.json", U("""{"done": 0, "total": 1, "last_case": ""}""") ),
            ( "progress duplicate keys", "progress.json", U("""{"done": 1, "done": 2, "total": 3, "total": "x"}""") ),
            ( "progress huge extra", "progress.json", U("{\"done\": 1, \"extra\": {\"k\": [" + string.Join(",", Enumerable.Range(0, 50_000)) + "]}}") ),
            ( "progress random bytes", "progress.json", random ),
            ( "attempts object", attempts, U("""{"note": "ok"}""") ),
            ( "attempts odd items", attempts, U("""[1, "x", null, [], true]""") ),
            ( "attempts empty", attempts, [] ),
            ( "attempts cut", attempts, U("""[{"variant": "default", "num_envs": 2, "note": "in_progress_lo""") ),
            ( "attempts odd types", attempts, U("""[{"note": 7, "variant": ["a"], "num_envs": "many", "probe_rc": "x"}]""") ),
            ( "attempts nan rcs", attempts, U("""[{"note": "ok", "probe_rc": NaN, "long_rc": 1.5, "long_budget_target_sec": Infinity}]""") ),
            ( "attempts log to passwd", attempts, U("""[{"note": "in_progress_long", "long_train_log": "/etc/passwd"}]""") ),
            ( "attempts log escapes", attempts, U("""[{"note": "in_progress_test", "test_log": "../../../../../../etc/passwd"}]""") ),
            ( "attempts ten thousand", attempts, U(manyAttempts) ),
            ( "attempts long key", attempts, U("[{\"" + new string('k', 100_000) + "\": 1, \"note\": \"ok\"}]") ),
            ( "attempts budget zero", attempts, U("""[{"note": "in_progress_long", "long_budget_target_sec": 0, "long_budget_elapsed_sec": 5}]""") ),
            ( "runner log random bytes", "log:" + Root + ".log", random ),
            ( "runner log one 10 MB line", "log:" + Root + ".log", U(new string('y', 10 * 1024 * 1024)) ),
            ( "runner log bad utf8", "log:" + Root + ".log", [0xC3, 0x28, 0x0A, 0xFF, 0xFE, 0x0A, 0xE2, 0x82] ),
            ( "runner log carriage returns only", "log:" + Root + ".log", U(string.Concat(Enumerable.Repeat("step\r", 100_000))) ),
            ( "runner log nul bytes", "log:" + Root + ".log", new byte[1024 * 1024] ),
            ( "monitor odd numbers", "log:mk_longcycle_monitor_1.log", U("2026-12-03 10:00:00 | GPU0=abc% GPU1=999999999999999999999% GPU2=-5%\n") ),
            ( "monitor bad times", "log:mk_longcycle_monitor_1.log", U("2026-13-45 99:99:99 | GPU0=50% GPU1=60%\n=== 2026-02-30 25:61:00 ===\n") ),
            ( "monitor bad block", "log:mk_longcycle_monitor_1.log", U("=== 2026-12-03 10:00:00 ===\n0, x %, , MiB\n, , , ,\n1\n{\"done\":\n") ),
            ( "monitor 500 gpus", "log:mk_longcycle_monitor_1.log", U("2026-12-03 10:00:00 | " + string.Join(" ", Enumerable.Range(0, 500).Select(i => $"GPU{i}={i % 101}%")) + "\n") ),
            ( "monitor random bytes", "log:mk_longcycle_monitor_1.log", random ),
        };
        return cases.ToDictionary(c => c.Name, c => (c.Where, c.Bytes));
    }

    public static TheoryData<string> Requests()
    {
        var longRoot = new string('a', 6000);
        return new TheoryData<string>
        {
            "GET /api/status?root=../../etc HTTP/1.1",
            "GET /api/status?root=%2e%2e%2f%2e%2e%2fetc HTTP/1.1",
            "GET /api/status?root=/etc HTTP/1.1",
            "GET /api/status?root=%00 HTTP/1.1",
            "GET /api/status?root=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1",
            $"GET /api/status?root={longRoot} HTTP/1.1",
            $"GET /api/status?root={longRoot}{longRoot} HTTP/1.1",
            "GET /api/status?root=a&root=b HTTP/1.1",
            "GET /api/status?root=%zz%G0% HTTP/1.1",
            "GET /api/status?root=/proc/self HTTP/1.1",
            "GET /api/status?root=%C3%28%FF HTTP/1.1",
            "GET /api/status?root=%E2%80%AE HTTP/1.1",
            "GET /api/status?root=\t HTTP/1.1",
            "GET /api/status?token=junk HTTP/1.1",
            "GET /api/status/../../etc/passwd HTTP/1.1",
            "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
            "GET /js/../../appsettings.json HTTP/1.1",
            "GET /js/%2e%2e%2f%2e%2e%2fmkdash.dll HTTP/1.1",
            "GET //etc/passwd HTTP/1.1",
            "GET /api/events?root=../../../ HTTP/1.1\nLast-Event-ID: not-a-number",
            "GET /api/status HTTP/1.1\nHost: attacker.example",
            "GET /api/status HTTP/1.1\nHost: ",
            "GET /api/status HTTP/1.1\nHost: [::1",
            "GET /api/status HTTP/1.0",
            "GET /api/status HTTP/1.1\nAccept: \u0001\u0002garbage/*;q=NaN",
            "GET / HTTP/1.1\nRange: bytes=999999-0, -5, x",
            "GET / HTTP/1.1\nIf-None-Match: \"\"\"garbage",
            "GET /api/status HTTP/1.1\nAuthorization: Bearer " + new string('z', 4000),
            "GET /api/status HTTP/1.1\nAuthorization: Basic ???",
            "GET /api/status HTTP/1.1\nCookie: " + new string('c', 20_000),
            "GET /api/status HTTP/1.1\nX-Big: " + new string('h', 40_000),
            "GET /api/status HTTP/1.1\nContent-Length: 5\n\nhello",
            "GET /api/status HTTP/1.1\nContent-Length: 999999999999",
            "GET /api/status HTTP/1.1\nTransfer-Encoding: chunked\n\nzz\r\n",
            "POST /api/status HTTP/1.1\nContent-Length: 0",
            "DELETE / HTTP/1.1",
            "PUT /api/events HTTP/1.1\nContent-Length: 0",
            "OPTIONS * HTTP/1.1",
            "TRACE / HTTP/1.1",
            "BREW /pot HTTP/1.1",
            "GET /api/status?" + string.Join("&", Enumerable.Range(0, 500).Select(i => $"k{i}=v")) + " HTTP/1.1",
            "GET /\u00ff\u00fe HTTP/1.1",
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ABadFile_IsAMessageInTheAnswer_NeverA5xx(string name)
    {
        var (where, bytes) = FileCases.Value[name];
        var root = temp.SampleRoot(Root);
        File.WriteAllText(Path.Join(root, "progress.json"), Progress);
        Directory.CreateDirectory(Path.Join(root, "runs", Case));
        File.Copy(Fixture.Path("attempts.json"), Path.Join(root, "runs", Case, "attempts.json"));
        var path = where.StartsWith("log:", StringComparison.Ordinal)
            ? Path.Join(temp.LogDir, where[4..])
            : Path.Join(root, where);
        File.WriteAllBytes(path, bytes);
        var before = temp.Checksum();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--rate-limit", "0");
        var server = new Uri(dashboard.Url);

        var status = await RawHttp.SendAsync(server, "GET /api/status HTTP/1.1\nHost: 127.0.0.1");
        var events = await RawHttp.SendAsync(
            server, "GET /api/events HTTP/1.1\nHost: 127.0.0.1", stopAfter: TimeSpan.FromSeconds(5), stopAt: "event: snapshot");
        var page = await RawHttp.SendAsync(server, "GET / HTTP/1.1\nHost: 127.0.0.1");

        Assert.True(status.Status == 200, $"{name}: {status.Status} {status.Body[..Math.Min(300, status.Body.Length)]}");
        using var snapshot = JsonDocument.Parse(status.Body);
        Assert.Equal(Root, snapshot.RootElement.GetProperty("root").GetProperty("name").GetString());
        Assert.Contains("event: snapshot", events.Body);
        Assert.Equal(200, page.Status);
        Assert.Equal(before, temp.Checksum());
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task ABadRequest_GetsAClear4xxOrAnAnswer_AndTheServerKeepsServing(string request)
    {
        temp.SampleRoot();
        var before = temp.Checksum();
        await using var dashboard = await LiveDashboard.StartAsync(temp, "--rate-limit", "0");
        var server = new Uri(dashboard.Url);
        var head = request.Contains("\nHost:", StringComparison.Ordinal) || request.EndsWith("HTTP/1.0", StringComparison.Ordinal)
            ? request
            : request.Replace(" HTTP/1.1", " HTTP/1.1\nHost: 127.0.0.1", StringComparison.Ordinal);
        var isStream = request.Contains("/api/events", StringComparison.Ordinal) && request.StartsWith("GET", StringComparison.Ordinal);

        var answer = await RawHttp.SendAsync(server, head, stopAfter: isStream ? TimeSpan.FromSeconds(1.5) : null);
        var after = await RawHttp.SendAsync(server, "GET /api/status HTTP/1.1\nHost: 127.0.0.1");

        Assert.True(answer.Status is >= 200 and < 500, $"{answer.Status}: {answer.Headers}");
        if (answer.Headers.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !isStream)
        {
            using var json = JsonDocument.Parse(answer.Body);
            if (answer.Status >= 400)
            {
                Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
            }
        }

        Assert.DoesNotContain("   at ", answer.Body);
        Assert.DoesNotContain("root:x:0:0", answer.Body);
        Assert.Equal(200, after.Status);
        Assert.Equal(before, temp.Checksum());
    }

    [Fact]
    public void TheCorpus_HasAtLeastFiftyCases()
    {
        Assert.True(Files().Count + Requests().Count >= 50);
    }

    public void Dispose() => temp.Dispose();
}
