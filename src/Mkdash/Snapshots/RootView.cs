namespace Mkdash.Snapshots;

/// <summary>Which root the snapshot reads and how it was chosen, or why none.</summary>
/// <param name="Requested">What the viewer or --root-out asked for; null for auto-pick.</param>
/// <param name="TrainDir">Where roots are looked for: &lt;workspace&gt;/output/train.</param>
internal sealed record RootView(
    string? Requested,
    string? Name,
    string? Path,
    string? Source,
    string? Error,
    string TrainDir);
