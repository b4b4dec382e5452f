using Mkdash.Health;

namespace Mkdash.Snapshots;

/// <summary>Every label that holds, worst first, and the worst level as the headline.</summary>
internal sealed record HealthView(HealthLevel Headline, IReadOnlyList<HealthLabel> Labels, HealthThresholds Thresholds);
