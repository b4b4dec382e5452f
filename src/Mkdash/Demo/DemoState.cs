namespace Mkdash.Demo;

/// <summary>What the simulated pipeline is doing now; the simulated GPUs and monitors follow it.</summary>
internal sealed class DemoState
{
    private volatile string stage = "idle";
    private volatile bool failing;

    /// <summary>idle, probe, long, test or viz.</summary>
    public string Stage
    {
        get => stage;
        set => stage = value;
    }

    /// <summary>True while the running attempt is heading for an NCCL timeout (one GPU stalls).</summary>
    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    public string RootName { get; set; } = "";

    public string ProgressText { get; set; } = "";

    public string CaseName { get; set; } = "";

    public string Note { get; set; } = "";
}
