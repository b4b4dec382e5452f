namespace Mkdash.Runs;

/// <summary>How one stage of an attempt stands.</summary>
internal enum StageState
{
    NotRun,
    Running,
    Ok,
    Failed,
    Timeout,
}
