using Mkdash.Files;
using Mkdash.Gpus;
using Mkdash.Processes;
using Mkdash.Runs;

namespace Mkdash.Snapshots;

/// <summary>Everything the page shows, as /api/status returns it.</summary>
/// <param name="History">GPU samples, oldest first: the monitor log's last ones, then live ones.</param>
internal sealed record StatusSnapshot(
    string Version,
    long GeneratedMs,
    RootView Root,
    ParsedFile<Progress>? Progress,
    CaseView? Case,
    HealthView Health,
    GpuReadout Gpus,
    IReadOnlyList<GpuSample> History,
    ProcessView Processes,
    LogView RunnerLog,
    LogView MonitorLog,
    StageLogView? StageLog);
