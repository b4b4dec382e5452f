namespace Mkdash.Runs;

/// <summary>The long stage's time budget, when the attempt runs in <c>time_budget</c> mode.</summary>
internal sealed record LongBudget(
    string? Mode,
    double? TargetSec,
    double? ElapsedSec,
    bool? Reached,
    string? StopReason)
{
    /// <summary>Elapsed over target, 0 to 100, or null when either is unknown.</summary>
    public double? Percent => TargetSec is double target && target > 0 && ElapsedSec is double elapsed
        ? Math.Round(Math.Min(100, 100 * elapsed / target), 1)
        : null;
}
