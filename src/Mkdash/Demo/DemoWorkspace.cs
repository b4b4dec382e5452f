using Mkdash.Cli;

namespace Mkdash.Demo;

/// <summary>
/// A throwaway workspace in the temp folder with a simulated pipeline writing into it: the demo
/// needs no MimicKit, no GPU and no runner. Deleted when the demo stops.
/// </summary>
internal sealed class DemoWorkspace : IAsyncDisposable
{
    private DemoWorkspace(string folder)
    {
        Folder = folder;
        Workspace = Path.Join(folder, "MimicKit");
        LogDir = Path.Join(folder, "logs");
        Directory.CreateDirectory(Path.Join(Workspace, "output", "train"));
        Directory.CreateDirectory(LogDir);
        State = new DemoState();
        Gpus = new SimulatedGpuSource(State, TimeProvider.System);
        Pipeline = new DemoPipeline(Workspace, LogDir, State, Gpus, TimeProvider.System);
    }

    public string Folder { get; }

    public string Workspace { get; }

    public string LogDir { get; }

    public DemoState State { get; }

    public SimulatedGpuSource Gpus { get; }

    public DemoPipeline Pipeline { get; }

    public static DemoWorkspace Create()
    {
        return new DemoWorkspace(Directory.CreateTempSubdirectory("mkdash-demo-").FullName);
    }

    /// <summary>The options pointed at this workspace; everything else as the user gave it.</summary>
    public DashboardOptions Apply(DashboardOptions options)
    {
        return options with { Workspace = Workspace, LogDir = LogDir, RootOut = null, RunnerLog = null, MonitorLog = null };
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.StopAsync(CancellationToken.None);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it lives in the temp folder anyway.
        }
    }
}
