using Mkdash.Gpus;
using Mkdash.Health;
using Mkdash.Runs;

namespace Mkdash.Tests.Health;

public sealed class HealthRulesTests
{
    private static readonly HealthThresholds Defaults = new();

    private static GpuReadout Now(params double?[] utils) => new(
        true, "test", null, 0, [.. utils.Select((u, i) => new GpuReading { Index = i, Name = "G", Utilization = u })]);

    private static List<GpuSample> History(int count, params double[] utils) =>
        [.. Enumerable.Range(0, count).Select(t => new GpuSample(t, "monitor", [.. utils.Select((u, i) => new GpuPoint(i, u, null, null, null))]))];

    private static Attempt AttemptWithNote(string note) =>
        new(0, "a.txt", null, null, "default", 512, note, 0, [], null, new Dictionary<string, System.Text.Json.JsonElement>());

    private static List<string> Codes(HealthInputs inputs, HealthThresholds? thresholds = null) =>
        [.. HealthRules.Evaluate(inputs, thresholds ?? Defaults).Select(label => label.Code)];

    [Fact]
    public void BothGpusAtTarget_AreBothHigh()
    {
        var labels = HealthRules.Evaluate(new HealthInputs(null, Now(60, 95), History(12, 60, 95), null), Defaults);

        var label = Assert.Single(labels);
        Assert.Equal("both_high", label.Code);
        Assert.Equal(HealthLevel.Good, label.Level);
        Assert.Equal("双卡高利用率", label.Zh);
        Assert.Equal("GPU0 60%, GPU1 95% (target 60%)", label.Detail);
    }

    [Fact]
    public void MeanSpreadAboveTheGap_IsImbalanceAndExplainsLowUtilization()
    {
        var inputs = new HealthInputs(null, Now(95, 5), History(12, 95, 40), null);

        var labels = HealthRules.Evaluate(inputs, Defaults);

        var label = Assert.Single(labels);
        Assert.Equal("imbalance", label.Code);
        Assert.Contains("55 points over the last 12 samples", label.Detail);
    }

    [Fact]
    public void SpreadAtExactlyTheGap_IsNotImbalance()
    {
        Assert.Equal(["low_util"], Codes(new HealthInputs(null, Now(50, 5), History(12, 50, 5), null)));
    }

    [Fact]
    public void ImbalanceLooksOnlyAtTheWindow()
    {
        var history = History(30, 100, 0).Concat(History(12, 50, 50)).ToList();

        Assert.DoesNotContain("imbalance", Codes(new HealthInputs(null, Now(50, 50), history, null)));
    }

    [Fact]
    public void NoteEndingInNccl_IsCriticalAndFirst()
    {
        var inputs = new HealthInputs(null, Now(2, 0), History(12, 95, 5), AttemptWithNote("long_nccl"));

        var labels = HealthRules.Evaluate(inputs, Defaults);

        Assert.Equal(["nccl_suspected", "imbalance"], labels.Select(l => l.Code));
        Assert.Equal(HealthLevel.Critical, HealthRules.Headline(labels));
        Assert.Contains("default e512", labels[0].Detail);
    }

    [Fact]
    public void LowUtilization_WithNothingToExplainIt_IsLow()
    {
        var labels = HealthRules.Evaluate(new HealthInputs(null, Now(30, 40), History(12, 30, 40), AttemptWithNote("in_progress_long")), Defaults);

        Assert.Equal("low_util", Assert.Single(labels).Code);
    }

    [Fact]
    public void EightGpus_FollowTheSameRules()
    {
        var all = Enumerable.Repeat<double?>(90, 8).ToArray();

        Assert.Equal(["both_high"], Codes(new HealthInputs(null, Now(all), History(12, 90, 90, 90, 90, 90, 90, 90, 90), null)));
        Assert.Equal("全部 GPU 高利用率", HealthRules.Evaluate(new HealthInputs(null, Now(all), [], null), Defaults)[0].Zh);
    }

    [Fact]
    public void ThresholdsAreOptions()
    {
        var strict = new HealthThresholds { UtilTarget = 90, ImbalanceGap = 10, ImbalanceWindow = 3 };

        Assert.Equal(["imbalance"], Codes(new HealthInputs(null, Now(85, 70), History(3, 85, 70), null), strict));
    }

    [Fact]
    public void NoGpuAndNoRoot_AreWarningsNotErrors()
    {
        var inputs = new HealthInputs("No run root yet", GpuReadout.Unavailable("nvidia-smi", "nvidia-smi not found", 0), [], null);

        var labels = HealthRules.Evaluate(inputs, Defaults);

        Assert.Equal(["no_root", "gpu_unavailable"], labels.Select(l => l.Code));
        Assert.Equal(HealthLevel.Warning, HealthRules.Headline(labels));
    }

    [Fact]
    public void AGpuWithoutAUtilizationValue_IsLeftOut()
    {
        Assert.Equal(["both_high"], Codes(new HealthInputs(null, Now(80, null), [], null)));
    }
}
