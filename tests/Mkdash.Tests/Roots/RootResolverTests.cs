using Mkdash.Roots;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Roots;

public sealed class RootResolverTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private RootResolver Resolver(params string[] allowed) => new(temp.Workspace, allowed);

    [Fact]
    public void Resolve_ByName_FindsTheFolderUnderOutputTrain()
    {
        var path = temp.Root("case_e2e_1");

        var resolution = Resolver().Resolve("case_e2e_1", "query");

        Assert.Equal(path, resolution.Root!.Path);
        Assert.Equal("case_e2e_1", resolution.Root.Name);
        Assert.Equal("query", resolution.Root.Source);
    }

    [Fact]
    public void Resolve_ByWorkspaceRelativeAndAbsolutePath_FindsTheSameFolder()
    {
        var path = temp.Root("case_e2e_1");

        Assert.Equal(path, Resolver().Resolve("output/train/case_e2e_1", "query").Root!.Path);
        Assert.Equal(path, Resolver().Resolve(path, "query").Root!.Path);
    }

    [Theory]
    [InlineData("../../../../../etc")]
    [InlineData("output/train/../../")]
    [InlineData("/etc")]
    [InlineData("output/train")]
    public void Resolve_OfAPathOutsideOutputTrain_IsRefusedNamingTheAllowedPlace(string requested)
    {
        var resolution = Resolver().Resolve(requested, "query");

        Assert.Null(resolution.Root);
        Assert.Contains("outside", resolution.Error);
        Assert.Contains(temp.TrainDir, resolution.Error);
    }

    [Fact]
    public void Resolve_OfASymlinkLeadingOutOfOutputTrain_IsRefused()
    {
        var outside = Directory.CreateDirectory(Path.Join(temp.Folder, "elsewhere")).FullName;
        File.WriteAllText(Path.Join(outside, "progress.json"), "{}");
        Directory.CreateSymbolicLink(Path.Join(temp.TrainDir, "case_e2e_link"), outside);

        var resolution = Resolver().Resolve("case_e2e_link", "query");

        Assert.Null(resolution.Root);
        Assert.Contains(outside, resolution.Error);
    }

    [Fact]
    public void Resolve_OfASymlinkInsideOutputTrain_IsFollowed()
    {
        var real = temp.Root("case_e2e_real");
        Directory.CreateSymbolicLink(Path.Join(temp.TrainDir, "latest"), real);

        var resolution = Resolver().Resolve("latest", "query");

        Assert.Equal(real, resolution.Root!.Path);
    }

    [Fact]
    public void Resolve_InAnAllowedRootDir_IsAccepted()
    {
        var other = Directory.CreateDirectory(Path.Join(temp.Folder, "scratch", "case_x")).FullName;

        var resolution = Resolver(Path.Join(temp.Folder, "scratch")).Resolve(other, "option");

        Assert.Equal(other, resolution.Root!.Path);
    }

    [Fact]
    public void Resolve_OfAMissingRoot_SaysNotFound()
    {
        var resolution = Resolver().Resolve("case_nope", "query");

        Assert.Contains("not found", resolution.Error);
    }

    [Fact]
    public void AutoPick_PrefersThePatternOrderThenTheNewest()
    {
        var now = DateTime.UtcNow;
        temp.Root("zzz_other", now);
        temp.Root("case_longcycle_new", now);
        temp.Root("case_ultralong_old", now.AddHours(-3));
        temp.Root("case_ultralong_newer", now.AddHours(-1));
        temp.Root("case_ultralong_alloc_oldest", now.AddDays(-2));

        Assert.Equal("case_ultralong_alloc_oldest", Resolver().AutoPick().Root!.Name);

        Directory.Delete(Path.Join(temp.TrainDir, "case_ultralong_alloc_oldest"), recursive: true);
        Assert.Equal("case_ultralong_newer", Resolver().AutoPick().Root!.Name);
    }

    [Fact]
    public void AutoPick_TakesAnyFolderWhenNoneMatches()
    {
        temp.Root("my_experiment");

        Assert.Equal("my_experiment", Resolver().AutoPick().Root!.Name);
    }

    [Fact]
    public void AutoPick_WithoutOutputTrain_SaysThereIsNoRootYet()
    {
        Directory.Delete(temp.TrainDir);

        var resolution = Resolver().AutoPick();

        Assert.Null(resolution.Root);
        Assert.StartsWith("No run root yet", resolution.Error);
    }

    [Fact]
    public void AutoPick_PassesOverASymlinkThatLeadsOutside()
    {
        var outside = Directory.CreateDirectory(Path.Join(temp.Folder, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Join(temp.TrainDir, "case_ultralong_alloc_evil"), outside);
        temp.Root("case_e2e_fine");

        Assert.Equal("case_e2e_fine", Resolver().AutoPick().Root!.Name);
    }

    public void Dispose() => temp.Dispose();
}
