using System.Net;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Web;

/// <summary>Files that lead out of the allowed places through symlinks are refused and never read.</summary>
public sealed class ConfinementTests : IDisposable
{
    private const string Secret = "TOP-SECRET-4f1c";

    private readonly TempWorkspace temp = new();

    private static async Task<string> StatusText(DashboardFactory factory)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Progress_SymlinkedToAFileOutsideTheWorkspace_IsRefusedAndNotRead()
    {
        var secret = temp.Write("elsewhere/secret.json", $$"""{"done": 1, "total": 2, "status": "{{Secret}}"}""");
        var root = temp.Root("case_e2e_link");
        File.CreateSymbolicLink(Path.Join(root, "progress.json"), secret);
        using var factory = new DashboardFactory(temp);

        var text = await StatusText(factory);

        Assert.DoesNotContain(Secret, text);
        Assert.Contains("refused", text);
        Assert.Contains("progress.json", text);
    }

    [Fact]
    public async Task RunnerLog_SymlinkedOutOfTheLogDir_IsRefusedAndNotRead()
    {
        var secret = temp.Write("elsewhere/notes.txt", Secret + "\n");
        temp.Root("case_e2e_link");
        File.CreateSymbolicLink(Path.Join(temp.LogDir, "case_e2e_link.log"), secret);
        using var factory = new DashboardFactory(temp);

        var text = await StatusText(factory);

        Assert.DoesNotContain(Secret, text);
        Assert.Contains("case_e2e_link.log: refused", text);
    }

    [Fact]
    public async Task StageLog_WhoseFolderIsASymlinkOut_IsRefusedAndNotRead()
    {
        var root = temp.SampleRoot();
        var stageDir = Path.Join(root, "runs", "amp_humanoid_args", "default_e256");
        Directory.Delete(stageDir, recursive: true);
        temp.Write("elsewhere/stage/long_train.log", Secret + "\n");
        Directory.CreateSymbolicLink(stageDir, Path.Join(temp.Folder, "elsewhere", "stage"));
        using var factory = new DashboardFactory(temp);

        var text = await StatusText(factory);

        Assert.DoesNotContain(Secret, text);
    }

    [Fact]
    public async Task ASymlinkThatStaysInside_IsFollowed()
    {
        var root = temp.Root("case_e2e_inner");
        var real = temp.Write("MimicKit/output/train/case_e2e_inner/real_progress.json", """{"done": 4, "total": 9}""");
        File.CreateSymbolicLink(Path.Join(root, "progress.json"), real);
        using var factory = new DashboardFactory(temp);

        var text = await StatusText(factory);

        Assert.Contains("\"done\":4", text);
    }

    public void Dispose() => temp.Dispose();
}
