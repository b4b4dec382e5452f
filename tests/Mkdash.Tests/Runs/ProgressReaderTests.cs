using System.Text.Json;
using Mkdash.Files;
using Mkdash.Runs;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Runs;

public sealed class ProgressReaderTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    private readonly ParsedFileCache<Progress> cache = new(ProgressReader.Read, TimeProvider.System);

    [Fact]
    public void Read_OfTheRunnersFile_GivesEveryField()
    {
        var progress = ProgressReader.Read(Fixture.Path("progress.json"));

        Assert.Equal(2, progress.Done);
        Assert.Equal(2, progress.Total);
        Assert.Equal("amp_humanoid_args.txt", progress.LastCase);
        Assert.Equal("completed_case", progress.Status);
        Assert.Equal(100, progress.Percent);
        Assert.Empty(progress.Extra);
    }

    [Fact]
    public void Read_OfAnOlderRunnerWithoutStatus_LeavesStatusEmpty()
    {
        var path = temp.Write("progress.json", """{"done": 3, "total": 32, "last_case": "add_go2_args.txt"}""");

        var progress = ProgressReader.Read(path);

        Assert.Null(progress.Status);
        Assert.Equal(9.4, progress.Percent);
    }

    [Fact]
    public void Read_KeepsUnknownKeys()
    {
        var path = temp.Write("progress.json", """{"done": 1, "total": 2, "eta_sec": 3600, "host": "gpu-box"}""");

        var progress = ProgressReader.Read(path);

        Assert.Equal(3600, progress.Extra["eta_sec"].GetInt32());
        Assert.Equal("gpu-box", progress.Extra["host"].GetString());
    }

    [Fact]
    public void Read_WithNaNAndInfinity_TreatsThemAsNoValue()
    {
        var path = temp.Write("progress.json", """{"done": NaN, "total": Infinity, "last_case": "x.txt", "loss": -Infinity}""");

        var progress = ProgressReader.Read(path);

        Assert.Null(progress.Done);
        Assert.Null(progress.Total);
        Assert.Null(progress.Percent);
        Assert.Equal("-Infinity", progress.Extra["loss"].GetString());
    }

    [Fact]
    public void Read_OfAnArray_SaysWhatItFound()
    {
        var path = temp.Write("progress.json", "[1, 2]");

        var error = Assert.Throws<InvalidDataException>(() => ProgressReader.Read(path));

        Assert.Contains("expected a JSON object", error.Message);
    }

    [Fact]
    public void Cache_OfAMissingFile_SaysNotFound()
    {
        var result = cache.Get(Path.Join(temp.Folder, "progress.json"));

        Assert.Null(result.Value);
        Assert.Equal("progress.json not found", result.Error);
    }

    [Fact]
    public void Cache_OfAnEmptyFile_GivesAMessageNotAnException()
    {
        var path = temp.Write("progress.json", "");

        var result = cache.Get(path);

        Assert.Null(result.Value);
        Assert.Contains("not complete JSON", result.Error);
    }

    [Fact]
    public void Cache_WhenTheWriterIsCaughtHalfway_KeepsTheLastGoodValueMarkedStale()
    {
        var path = temp.Write("progress.json", """{"done": 4, "total": 9}""");
        var good = cache.Get(path);
        File.WriteAllText(path, "{\n  \"done\": 5,\n  \"to");

        var torn = cache.Get(path);

        Assert.False(good.Stale);
        Assert.True(torn.Stale);
        Assert.Equal(4, torn.Value!.Done);
        Assert.NotNull(torn.Error);
    }

    [Fact]
    public void Cache_ReadsTheFileAgainWhenItChanges()
    {
        var path = temp.Write("progress.json", """{"done": 1, "total": 9}""");
        Assert.Equal(1, cache.Get(path).Value!.Done);

        File.WriteAllText(path, """{"done": 2, "total": 9, "status": "running_case"}""");

        Assert.Equal(2, cache.Get(path).Value!.Done);
    }

    [Fact]
    public void Extra_SerializesBackAsWritten()
    {
        var path = temp.Write("progress.json", """{"nested": {"a": [1, 2]}}""");

        var progress = ProgressReader.Read(path);

        Assert.Equal("""{"a":[1,2]}""", JsonSerializer.Serialize(progress.Extra["nested"]));
    }

    public void Dispose() => temp.Dispose();
}
