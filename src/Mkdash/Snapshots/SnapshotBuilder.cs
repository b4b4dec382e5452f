using Mkdash.Cli;
using Mkdash.Files;
using Mkdash.Gpus;
using Mkdash.Health;
using Mkdash.Logs;
using Mkdash.Processes;
using Mkdash.Roots;
using Mkdash.Runs;

namespace Mkdash.Snapshots;

/// <summary>
/// Reads everything for one view of one root. Files are parsed once per change and shared by
/// every viewer through the caches; nothing is ever written.
/// </summary>
internal sealed class SnapshotBuilder : IDisposable
{
    private readonly DashboardOptions options;
    private readonly RootResolver roots;
    private readonly LogLocator logs;
    private readonly GpuSampler sampler;
    private readonly ProcessScanner processes;
    private readonly TimeProvider time;
    private readonly ParsedFileCache<Progress> progressFiles;
    private readonly ParsedFileCache<AttemptList> attemptFiles;
    private readonly ParsedFileCache<LogTail> logTails;
    private readonly ParsedFileCache<IReadOnlyList<GpuSample>> monitorSamples;
    private readonly TimedValue<string, ProcessView> processViews;
    private readonly TimedValue<string, string?> runnerLogs;
    private readonly TimedValue<string, string?> monitorLogs;
    private readonly TimedValue<(string? Requested, string Source), RootResolution> rootResolutions;

    /// <summary>A monitor sample this close to a live one is the same moment, drawn once.</summary>
    private const long MinNearMs = 10_000;

    /// <summary>How old a scan of /proc or of the log dir may be.</summary>
    private static readonly TimeSpan ScanPeriod = TimeSpan.FromSeconds(3);

    /// <summary>How old a root lookup may be: a new root is picked up within this.</summary>
    private static readonly TimeSpan RootPeriod = TimeSpan.FromSeconds(2);

    private readonly ReadPolicy policy;

    private readonly ReadGate gate = new(4, ReadGate.DefaultLimit);

    public SnapshotBuilder(
        DashboardOptions options,
        GpuSampler sampler,
        TimeProvider time,
        ReadPolicy policy,
        ProcessScanner? processes = null)
    {
        this.options = options;
        this.policy = policy;
        this.sampler = sampler;
        this.time = time;
        this.processes = processes ?? new ProcessScanner();
        roots = new RootResolver(options.Workspace, options.AllowRootDirs);
        logs = new LogLocator(options.LogDir);
        progressFiles = new ParsedFileCache<Progress>(ProgressReader.Read, time);
        attemptFiles = new ParsedFileCache<AttemptList>(AttemptsReader.Read, time);
        logTails = new ParsedFileCache<LogTail>(path => TailReader.ReadLastLines(path, options.LogLines), time);
        monitorSamples = new ParsedFileCache<IReadOnlyList<GpuSample>>(
            path => MonitorLogReader.ReadLastSamples(path, options.HistorySize, TimeZoneInfo.Local), time);
        processViews = new TimedValue<string, ProcessView>(_ => this.processes.Scan(), ScanPeriod, time);
        runnerLogs = new TimedValue<string, string?>(name => logs.FindRunnerLog(name), ScanPeriod, time);
        monitorLogs = new TimedValue<string, string?>(_ => logs.FindMonitorLog(), ScanPeriod, time);

        // A root is looked up (output/train listed, symlinks resolved) once per period for every viewer of it.
        rootResolutions = new(key => roots.Resolve(key.Requested, key.Source), RootPeriod, time);
    }

    public async Task<StatusSnapshot> BuildAsync(string? requestedRoot, CancellationToken cancellationToken)
    {
        var gpusTask = sampler.GetAsync(cancellationToken);
        var files = await gate.RunAsync(() => ReadFiles(requestedRoot), cancellationToken);

        // The live history is taken after the sample so it includes it. The chart gets the whole live ring
        // downsampled; the health rules get the newest samples at full rate.
        var gpus = await gpusTask;
        var history = Merge(files.MonitorHistory, sampler.Chart());
        var recent = Merge(files.MonitorHistory, sampler.Recent(options.Thresholds.ImbalanceWindow));
        var attempt = files.Case?.Attempts.Value?.Current;
        var inputs = new HealthInputs(files.Root.Error, gpus, recent, attempt);
        var labels = HealthRules.Evaluate(inputs, options.Thresholds);

        return new StatusSnapshot(
            AppInfo.Version,
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            files.Root,
            files.Progress,
            files.Case,
            new HealthView(HealthRules.Headline(labels), labels, options.Thresholds),
            gpus,
            history,
            files.Processes,
            files.RunnerLog,
            files.MonitorLog,
            files.StageLog);
    }

    /// <summary>Everything that touches the disk or /proc, in one blocking step the gate can time.</summary>
    private FileViews ReadFiles(string? requestedRoot)
    {
        var requested = string.IsNullOrWhiteSpace(requestedRoot) ? options.RootOut : requestedRoot;
        var source = string.IsNullOrWhiteSpace(requestedRoot) ? "option" : "query";
        // A root not there yet is looked for again at once, so a new pipeline shows the moment it starts.
        var resolution = rootResolutions.Get((requested, source));
        if (resolution.Root is null)
        {
            resolution = roots.Resolve(requested, source);
        }

        var root = resolution.Root;

        var progress = root is null ? null : Read(progressFiles, Path.Join(root.Path, ProgressReader.FileName));
        var caseView = ReadCase(root, progress?.Value);

        var runnerLog = ReadLog(options.RunnerLog ?? runnerLogs.Get(root?.Name ?? ""), "runner log");
        var monitorPath = options.MonitorLog ?? monitorLogs.Get("");
        var monitorLog = ReadLog(monitorPath, "monitor log");

        return new FileViews(
            new RootView(requested, root?.Name, root?.Path, root?.Source, resolution.Error, roots.TrainDir),
            progress,
            caseView,
            MonitorHistory(monitorPath),
            processViews.Get(""),
            runnerLog,
            monitorLog,
            ReadStageLog(root, caseView));
    }

    private CaseView? ReadCase(RunRoot? root, Progress? progress)
    {
        if (root is null || string.IsNullOrWhiteSpace(progress?.LastCase))
        {
            return null;
        }

        var folder = CaseFolder.For(progress.LastCase);
        var attempts = folder is null
            ? new ParsedFile<AttemptList>(null, $"last_case '{progress.LastCase}' is not a case name", false, null)
            : Read(attemptFiles, Path.Join(root.Path, "runs", folder, AttemptsReader.FileName));
        return new CaseView(progress.LastCase, folder, attempts);
    }

    private StageLogView? ReadStageLog(RunRoot? root, CaseView? caseView)
    {
        var attempt = caseView?.Attempts.Value?.Current;
        if (root is null || caseView?.Folder is null || attempt is null)
        {
            return null;
        }

        var stage = StageLogLocator.ShownStage(attempt);
        if (stage is null)
        {
            return null;
        }

        var (path, error) = StageLogLocator.Find(root, caseView.Folder, attempt, stage);
        var log = path is null ? LogView.NotFound(error!) : ReadLog(path, $"{stage.Stage} log");
        return new StageLogView(stage.Stage, attempt.Label, log);
    }

    private LogView ReadLog(string? path, string what)
    {
        if (path is null)
        {
            return LogView.NotFound($"no {what} found in {options.LogDir}");
        }

        var tail = Read(logTails, path);
        return tail.Value is null
            ? new LogView(path, null, [], tail.Error)
            : new LogView(path, tail.Value.FileLength, tail.Value.Lines, tail.Error);
    }

    private IReadOnlyList<GpuSample> MonitorHistory(string? path)
    {
        return path is null ? [] : Read(monitorSamples, path).Value ?? [];
    }

    /// <summary>Every file goes through the read policy first; a refused one is a message, never opened.</summary>
    private ParsedFile<T> Read<T>(ParsedFileCache<T> cache, string path)
        where T : class
    {
        var (real, refusal) = policy.Check(path);
        return real is null ? new ParsedFile<T>(null, refusal, false, null) : cache.Get(real);
    }

    /// <summary>
    /// One time axis: the monitor's samples where no live sample is near (before live sampling started, and in
    /// the gaps while nobody watched and the sampler slept), and every live one, so the same moment is not drawn
    /// twice from two sources.
    /// </summary>
    internal static List<GpuSample> Merge(IReadOnlyList<GpuSample> monitor, IReadOnlyList<GpuSample> live)
    {
        if (live.Count == 0)
        {
            return [.. monitor];
        }

        // Live samples closer than a few of their own spacings cover the time between them.
        var spacing = long.MaxValue;
        for (var i = 1; i < live.Count; i++)
        {
            var step = live[i].TimeMs - live[i - 1].TimeMs;
            if (step > 0)
            {
                spacing = Math.Min(spacing, step);
            }
        }

        var near = spacing == long.MaxValue ? MinNearMs : Math.Max(MinNearMs, spacing * 3);
        var times = live.Select(sample => sample.TimeMs).ToArray();
        bool Covered(long timeMs)
        {
            var at = Array.BinarySearch(times, timeMs);
            if (at >= 0)
            {
                return true;
            }

            at = ~at;
            return (at < times.Length && times[at] - timeMs <= near) || (at > 0 && timeMs - times[at - 1] <= near);
        }

        return [.. monitor.Where(sample => !Covered(sample.TimeMs)).Concat(live).OrderBy(sample => sample.TimeMs)];
    }

    public void Dispose() => gate.Dispose();

    private sealed record FileViews(
        RootView Root,
        ParsedFile<Progress>? Progress,
        CaseView? Case,
        IReadOnlyList<GpuSample> MonitorHistory,
        ProcessView Processes,
        LogView RunnerLog,
        LogView MonitorLog,
        StageLogView? StageLog);
}
