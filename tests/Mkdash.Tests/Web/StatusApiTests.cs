using System.Net;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

public sealed class StatusApiTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private static async Task<JsonElement> Status(DashboardFactory factory, string query = "")
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api/status" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Status_OfTheRunnersSampleWorkspace_MatchesTheFiles()
    {
        temp.SampleRoot();
        using var factory = new DashboardFactory(temp);

        var status = await Status(factory);

        Assert.Equal("case_ultralong_alloc_full_20261203_191238", status.GetProperty("root").GetProperty("name").GetString());
        var progress = status.GetProperty("progress").GetProperty("value");
        Assert.Equal(2, progress.GetProperty("done").GetInt32());
        Assert.Equal(2, progress.GetProperty("total").GetInt32());
        Assert.Equal("completed_case", progress.GetProperty("status").GetString());
        Assert.Equal("amp_humanoid_args.txt", status.GetProperty("case").GetProperty("name").GetString());
        var current = status.GetProperty("case").GetProperty("attempts").GetProperty("value").GetProperty("current");
        Assert.Equal("default e256", current.GetProperty("label").GetString());
        Assert.Equal("long_nccl", current.GetProperty("note").GetString());
        Assert.Equal("failed", current.GetProperty("stages")[1].GetProperty("state").GetString());
        var stageLog = status.GetProperty("stageLog");
        Assert.Equal("long", stageLog.GetProperty("stage").GetString());
        Assert.StartsWith("torch.distributed.DistBackendError", stageLog.GetProperty("log").GetProperty("lines").EnumerateArray().Last().GetString());
    }

    [Fact]
    public async Task Status_OfTheSampleWorkspace_HasLabelsLogsAndHistory()
    {
        temp.SampleRoot();
        using var factory = new DashboardFactory(temp);

        var status = await Status(factory);

        var health = status.GetProperty("health");
        Assert.Equal("critical", health.GetProperty("headline").GetString());
        var codes = health.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("code").GetString()).ToList();
        Assert.Equal("nccl_suspected", codes[0]);
        Assert.Contains("gpu_unavailable", codes);
        Assert.False(status.GetProperty("gpus").GetProperty("available").GetBoolean());

        var runner = status.GetProperty("runnerLog").GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.StartsWith("[DONE] ok=1/2", runner[^1]);
        var monitor = status.GetProperty("monitorLog");
        Assert.EndsWith("mk_longcycle_monitor_1.log", monitor.GetProperty("path").GetString());
        var samples = Fixture.Text("monitor-blocks.log").Split('\n').Count(line => line.StartsWith("=== ", StringComparison.Ordinal));
        Assert.Equal(samples, status.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Status_WithARootQuery_ReadsThatRoot()
    {
        temp.SampleRoot();
        var other = temp.Root("case_e2e_other");
        File.WriteAllText(Path.Join(other, "progress.json"), """{"done": 7, "total": 30, "last_case": "x_args.txt"}""");
        using var factory = new DashboardFactory(temp);

        var status = await Status(factory, "?root=case_e2e_other");

        Assert.Equal("query", status.GetProperty("root").GetProperty("source").GetString());
        Assert.Equal(7, status.GetProperty("progress").GetProperty("value").GetProperty("done").GetInt32());
        Assert.Contains("not found", status.GetProperty("case").GetProperty("attempts").GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("?root=../../../../../../etc")]
    [InlineData("?root=%2Fetc")]
    [InlineData("?root=..%2F..%2F..%2F..%2F..%2F..%2Fetc")]
    public async Task Status_WithARootOutsideOutputTrain_RefusesWithAMessage(string query)
    {
        temp.SampleRoot();
        using var factory = new DashboardFactory(temp);

        var status = await Status(factory, query);

        var root = status.GetProperty("root");
        Assert.Equal(JsonValueKind.Null, root.GetProperty("name").ValueKind);
        Assert.Contains("outside", root.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("progress").ValueKind);
    }

    [Fact]
    public async Task Status_BeforeAnyRootExists_SaysSoAndPicksOneUpLater()
    {
        using var factory = new DashboardFactory(temp);

        var before = await Status(factory);
        temp.SampleRoot();
        var after = await Status(factory);

        Assert.StartsWith("No run root yet", before.GetProperty("root").GetProperty("error").GetString());
        Assert.Equal("no_root", before.GetProperty("health").GetProperty("labels")[0].GetProperty("code").GetString());
        Assert.Equal(2, after.GetProperty("progress").GetProperty("value").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Status_WithHalfWrittenAndBadFiles_StillAnswersWithMessages()
    {
        var root = temp.Root("case_e2e_bad");
        File.WriteAllText(Path.Join(root, "progress.json"), "{\"done\": 1, \"total\": NaN, \"last_case\": \"a_args.txt\"");
        using var factory = new DashboardFactory(temp);

        var status = await Status(factory);

        Assert.Contains("not complete JSON", status.GetProperty("progress").GetProperty("error").GetString());
        Assert.Contains("no runner log", status.GetProperty("runnerLog").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Status_WithAFakeNvidiaSmi_ShowsTheGpusAndBothHigh()
    {
        temp.SampleRoot();
        var smi = FakeNvidiaSmi.Printing(temp, "0, NVIDIA H200, GPU-a, 00000000:19:00.0, 91, 40, 1000, 143771, 60, 500, 700\n"
            + "1, NVIDIA H200, GPU-b, 00000000:3B:00.0, 88, 35, 1000, 143771, 61, 480, 700\n");
        using var factory = new DashboardFactory(temp, new() { ["nvidia-smi"] = smi });

        var status = await Status(factory);

        var gpus = status.GetProperty("gpus").GetProperty("gpus");
        Assert.Equal(91, gpus[0].GetProperty("utilization").GetDouble());
        var codes = status.GetProperty("health").GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("code").GetString());
        Assert.Contains("both_high", codes);
        Assert.Equal("live", status.GetProperty("history").EnumerateArray().Last().GetProperty("source").GetString());
    }

    [Fact]
    public async Task Page_IsServedFromTheBinary()
    {
        using var factory = new DashboardFactory(temp);
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/");
        var missing = await client.GetAsync("/nope.js");

        Assert.Contains("mkdash", page);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Reading_NeverChangesTheWorkspace()
    {
        temp.SampleRoot();
        var before = temp.Checksum();
        using var factory = new DashboardFactory(temp);

        await Status(factory);
        await Status(factory, "?root=case_ultralong_alloc_full_20261203_191238");
        await Status(factory, "?root=../../etc");

        Assert.Equal(before, temp.Checksum());
    }

    public void Dispose() => temp.Dispose();
}
