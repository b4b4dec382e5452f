using System.Runtime.InteropServices;
using System.Text.Json;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>The program never locks what it reads: a runner holding an exclusive flock neither waits nor blinds it.</summary>
public sealed partial class FileLockTests : IDisposable
{
    private const int LockExclusive = 2;
    private const int NonBlocking = 4;

    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task AFileTheRunnerHoldsAnExclusiveFlockOn_IsStillRead()
    {
        var root = temp.SampleRoot();
        using var held = new FileStream(Path.Join(root, "progress.json"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        Assert.Equal(0, Flock(held.SafeFileHandle.DangerousGetHandle().ToInt32(), LockExclusive | NonBlocking));
        await using var server = await ServerProcess.StartAsync(
        [
            "--workspace", temp.Workspace, "--log-dir", temp.LogDir, "--port", "0", "--nvml-library", "off",
            "--nvidia-smi", Path.Join(temp.Folder, "no-nvidia-smi"),
        ]);
        using var client = Loopback.Client(server.Origin);

        var status = JsonDocument.Parse(await client.GetStringAsync("/api/status")).RootElement;

        var progress = status.GetProperty("progress");
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("error").ValueKind);
        Assert.Equal(2, progress.GetProperty("value").GetProperty("done").GetInt32());
    }

    public void Dispose() => temp.Dispose();

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
