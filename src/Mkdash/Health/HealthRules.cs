using System.Globalization;
using Mkdash.Gpus;

namespace Mkdash.Health;

/// <summary>
/// The health labels of PRODUCT.md. Every rule that holds gives a label; the same rules serve
/// one, two or eight GPUs (the spread between GPUs is max − min).
/// </summary>
internal static class HealthRules
{
    public static List<HealthLabel> Evaluate(HealthInputs inputs, HealthThresholds thresholds)
    {
        var labels = new List<HealthLabel>();
        if (inputs.RootError is not null)
        {
            labels.Add(new HealthLabel("no_root", HealthLevel.Warning, "未找到运行 Root", "No run root found", inputs.RootError));
        }

        // No reading at all, or a GPU that failed (lost, needs a reset) while the others report.
        var failed = inputs.Gpus.Available && inputs.Gpus.Gpus.Any(g => g.Error is not null);
        if (!inputs.Gpus.Available || failed)
        {
            labels.Add(new HealthLabel(
                "gpu_unavailable", HealthLevel.Warning, "GPU 不可用", "GPU unavailable", inputs.Gpus.Message ?? "no GPU data"));
        }

        var note = inputs.CurrentAttempt?.Note;
        var nccl = note is not null && note.EndsWith("nccl", StringComparison.OrdinalIgnoreCase);
        if (nccl)
        {
            labels.Add(new HealthLabel(
                "nccl_suspected",
                HealthLevel.Critical,
                "疑似通信异常",
                "Suspected communication (NCCL) fault",
                $"attempt {inputs.CurrentAttempt!.Label}: note {note}"));
        }

        var imbalance = Imbalance(inputs.History, thresholds);
        if (imbalance is not null)
        {
            labels.Add(imbalance);
        }

        var now = inputs.Gpus.Available
            ? inputs.Gpus.Gpus.Where(g => g.Utilization is not null).ToList()
            : [];
        if (now.Count > 0)
        {
            var utilization = Describe(now, thresholds.UtilTarget);
            if (!failed && now.All(g => g.Utilization >= thresholds.UtilTarget))
            {
                var zh = now.Count == 2 ? "双卡高利用率" : "全部 GPU 高利用率";
                var en = now.Count == 2 ? "Both GPUs busy" : "All GPUs busy";
                labels.Add(new HealthLabel("both_high", HealthLevel.Good, zh, en, utilization));
            }
            else if (!nccl && imbalance is null && now.Any(g => g.Utilization < thresholds.UtilTarget))
            {
                labels.Add(new HealthLabel("low_util", HealthLevel.Warning, "利用率偏低", "Utilization low", utilization));
            }
        }

        // Worst first; rules keep their order within a level.
        return [.. labels.OrderByDescending(label => label.Level)];
    }

    public static HealthLevel Headline(IReadOnlyList<HealthLabel> labels)
    {
        return labels.Count == 0 ? HealthLevel.Good : labels.Max(label => label.Level);
    }

    private static HealthLabel? Imbalance(IReadOnlyList<GpuSample> history, HealthThresholds thresholds)
    {
        var spreads = new List<double>();
        for (var i = history.Count - 1; i >= 0 && spreads.Count < thresholds.ImbalanceWindow; i--)
        {
            var values = history[i].Gpus.Where(g => g.Utilization is not null).Select(g => g.Utilization!.Value).ToList();
            if (values.Count >= 2)
            {
                spreads.Add(values.Max() - values.Min());
            }
        }

        if (spreads.Count == 0)
        {
            return null;
        }

        var mean = spreads.Average();
        if (mean <= thresholds.ImbalanceGap)
        {
            return null;
        }

        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"mean GPU spread {mean:0.#} points over the last {spreads.Count} samples (limit {thresholds.ImbalanceGap:0.#})");
        return new HealthLabel("imbalance", HealthLevel.Warning, "双卡负载不均", "Load imbalance", detail);
    }

    private static string Describe(List<GpuReading> gpus, double target)
    {
        var values = string.Join(", ", gpus.Select(g => string.Create(
            CultureInfo.InvariantCulture, $"GPU{g.Index} {g.Utilization:0.#}%")));
        return string.Create(CultureInfo.InvariantCulture, $"{values} (target {target:0.#}%)");
    }
}
