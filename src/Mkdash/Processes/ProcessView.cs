namespace Mkdash.Processes;

/// <summary>The pipeline processes found in /proc.</summary>
internal sealed record ProcessView(
    IReadOnlyList<PipelineProcess> Runners,
    IReadOnlyList<PipelineProcess> Workers,
    string? Error)
{
    public bool RunnerAlive => Runners.Count > 0;
}
