namespace Mkdash.Health;

/// <summary>One thing the dashboard concluded about the run.</summary>
/// <param name="Code">Stable, for scripts: both_high, imbalance, nccl_suspected, low_util, gpu_unavailable, no_root.</param>
/// <param name="Zh">Chinese text, shown by default.</param>
/// <param name="En">English text.</param>
/// <param name="Detail">The numbers behind the conclusion.</param>
internal sealed record HealthLabel(string Code, HealthLevel Level, string Zh, string En, string Detail);
