namespace Mkdash.Runs;

/// <summary>One stage (probe, long, test, viz) of an attempt.</summary>
/// <param name="Stage">probe, long, test or viz.</param>
/// <param name="State">Derived from rc, ok and the attempt's note.</param>
/// <param name="Rc">The stage's exit code; -1 when it did not run, 124 when it timed out.</param>
/// <param name="ElapsedSec">Seconds the stage took, when recorded.</param>
/// <param name="Log">Path of the stage's stdout log, as attempts.json gives it.</param>
internal sealed record StageResult(string Stage, StageState State, int? Rc, double? ElapsedSec, string? Log);
