namespace Mkdash.Health;

/// <summary>The numbers the health rules compare against.</summary>
internal sealed record HealthThresholds
{
    /// <summary>Utilization (percent) every GPU should reach.</summary>
    public double UtilTarget { get; init; } = 60;

    /// <summary>Mean spread between GPUs (points) above which the load counts as imbalanced.</summary>
    public double ImbalanceGap { get; init; } = 45;

    /// <summary>How many recent history samples the imbalance mean covers.</summary>
    public int ImbalanceWindow { get; init; } = 12;
}
