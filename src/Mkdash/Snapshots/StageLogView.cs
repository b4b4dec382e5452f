namespace Mkdash.Snapshots;

/// <summary>The stdout log of the current attempt's running (or last) stage.</summary>
/// <param name="Stage">probe, long, test or viz.</param>
/// <param name="Attempt">The attempt's label, e.g. "default e512".</param>
internal sealed record StageLogView(string Stage, string Attempt, LogView Log);
