using Mkdash.Gpus;
using Mkdash.Runs;

namespace Mkdash.Health;

/// <summary>What the health rules look at.</summary>
/// <param name="RootError">Why there is no root; null when there is one.</param>
/// <param name="History">GPU samples, oldest first, for the imbalance window.</param>
/// <param name="CurrentAttempt">The current case's current attempt, when known.</param>
internal sealed record HealthInputs(
    string? RootError,
    GpuReadout Gpus,
    IReadOnlyList<GpuSample> History,
    Attempt? CurrentAttempt);
