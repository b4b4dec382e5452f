using System.Diagnostics;
using System.Text;
using Mkdash.Files;
using Mkdash.Tests.Support;

namespace Mkdash.Tests.Files;

public sealed class TailReaderTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public void ReadLastLines_ReturnsTheLastLinesOldestFirst()
    {
        var path = temp.Write("a.log", string.Concat(Enumerable.Range(1, 1000).Select(i => $"line {i}\n")));

        var tail = TailReader.ReadLastLines(path, 3);

        Assert.Equal(["line 998", "line 999", "line 1000"], tail.Lines);
        Assert.False(tail.ReachedStart);
    }

    [Theory]
    [InlineData(false, "\n")]
    [InlineData(false, "\r\n")]
    [InlineData(true, "\n")]
    [InlineData(true, "\r")]
    public void ReadLastLines_AcrossChunks_GivesWhatSplittingTheWholeFileGives(bool logTxt, string end)
    {
        var mode = logTxt ? CarriageReturns.LineBreak : CarriageReturns.Overwrite;

        // Lines of every length around the 64 KiB chunks, some with progress-bar \r, files ending with and
        // without a break: the tail read from the end must equal the last lines of the whole text.
        var random = new Random(6);
        for (var round = 0; round < 40; round++)
        {
            var text = new StringBuilder();
            while (text.Length < 150_000 + random.Next(70_000))
            {
                text.Append('x', random.Next(0, 400));
                if (mode == CarriageReturns.Overwrite && random.Next(5) == 0)
                {
                    text.Append("\r 50%\r100%");
                }

                text.Append(end);
            }

            if (round % 2 == 1)
            {
                text.Append("partial");
            }

            var count = random.Next(1, 600);
            var path = temp.Write($"chunks-{mode}-{round}.log", text.ToString());

            var tail = TailReader.ReadLastLines(path, count, mode);

            var whole = Reference(text.ToString(), mode);
            Assert.Equal(whole.Skip(Math.Max(0, whole.Count - count)), tail.Lines);
            Assert.Equal(whole.Count <= count, tail.ReachedStart);
        }
    }

    [Fact]
    public void ReadLastLines_KeepsAPartialLastLineWithoutFinalNewline()
    {
        var path = temp.Write("a.log", "one\ntwo\nthree, still being writ");

        var tail = TailReader.ReadLastLines(path, 2);

        Assert.Equal(["two", "three, still being writ"], tail.Lines);
    }

    [Fact]
    public void ReadLastLines_OfAShortFile_ReturnsAllAndReachesStart()
    {
        var path = temp.Write("a.log", "one\r\ntwo\r\n");

        var tail = TailReader.ReadLastLines(path, 50);

        Assert.Equal(["one", "two"], tail.Lines);
        Assert.True(tail.ReachedStart);
    }

    [Fact]
    public void ReadLastLines_OfAnEmptyFile_ReturnsNothing()
    {
        var path = temp.Write("a.log", "");

        Assert.Empty(TailReader.ReadLastLines(path, 10).Lines);
    }

    [Fact]
    public void ReadLastLines_SplitsMimicKitLogTxtRowsOnCarriageReturnAlone()
    {
        var path = Fixture.Path("log.txt");

        var tail = TailReader.ReadLastLines(path, 2, CarriageReturns.LineBreak);

        Assert.Equal(2, tail.Lines.Count);
        Assert.All(tail.Lines, line => Assert.Matches(@"^\d+\s+\d", line));
    }

    [Fact]
    public void ReadLastLines_ShowsOnlyTheLastStateOfAProgressBar()
    {
        var path = temp.Write("a.log", "start\n 10%|#   \r 50%|#####  \r100%|##########\ndone\n");

        var tail = TailReader.ReadLastLines(path, 3);

        Assert.Equal(["start", "100%|##########", "done"], tail.Lines);
    }

    [Fact]
    public void ReadLastLines_ReplacesInvalidUtf8InsteadOfFailing()
    {
        var bytes = Encoding.UTF8.GetBytes("ok line\nbad ").Concat(new byte[] { 0xff, 0xfe, 0xc3 }).Concat("end\n"u8.ToArray());
        var path = temp.WriteBytes("a.log", [.. bytes]);

        var tail = TailReader.ReadLastLines(path, 2);

        Assert.Equal("ok line", tail.Lines[0]);
        Assert.StartsWith("bad \uFFFD", tail.Lines[1]);
        Assert.EndsWith("end", tail.Lines[1]);
    }

    [Fact]
    public void ReadLastLines_CutsAHugeLineWithAMarker()
    {
        var path = temp.Write("a.log", "before\n" + new string('x', 200_000) + "\nafter\n");

        var tail = TailReader.ReadLastLines(path, 3, maxLineBytes: 1000);

        Assert.Equal("after", tail.Lines[^1]);
        var cut = Assert.Single(tail.Lines, line => line.StartsWith('x'));
        Assert.EndsWith(TailReader.CutMarker, cut);
        Assert.True(cut.Length < 1100);
    }

    [Fact]
    public void ReadLastLines_OfAMultiGigabyteSparseLog_ReadsOnlyItsEnd()
    {
        // A 4 GB file that takes no disk: a hole, then real lines at the end.
        var path = Path.Join(temp.Folder, "huge.log");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(4L * 1024 * 1024 * 1024);
            file.Seek(0, SeekOrigin.End);
            file.Write(Encoding.UTF8.GetBytes("\n" + string.Concat(Enumerable.Range(1, 500).Select(i => $"[CASE {i}/500]\n"))));
        }

        var watch = Stopwatch.StartNew();
        var tail = TailReader.ReadLastLines(path, 200);
        watch.Stop();

        Assert.Equal(200, tail.Lines.Count);
        Assert.Equal("[CASE 500/500]", tail.Lines[^1]);
        Assert.Equal("[CASE 301/500]", tail.Lines[0]);
        Assert.True(tail.FileLength > 4L * 1024 * 1024 * 1024);

        // Generous bound: reading the whole file would take tens of seconds here.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void ReadLastLines_OfASparseFileWithNoLineBreaks_StaysBounded()
    {
        var path = Path.Join(temp.Folder, "one-line.log");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(2L * 1024 * 1024 * 1024);
        }

        var tail = TailReader.ReadLastLines(path, 5, maxLineBytes: 4096);

        var line = Assert.Single(tail.Lines);
        Assert.EndsWith(TailReader.CutMarker, line);
        Assert.False(tail.ReachedStart);
    }

    /// <summary>Every line of the text, split the plain way (what the tail must agree with).</summary>
    private static List<string> Reference(string text, CarriageReturns mode)
    {
        var rows = mode == CarriageReturns.LineBreak
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r')
            : text.Split('\n');
        var lines = rows
            .Select(row => mode == CarriageReturns.Overwrite ? TailReader.LastOverwrite(row) : row)
            .ToList();
        if (rows[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    public void Dispose() => temp.Dispose();
}
