using System.Diagnostics;

namespace Mkdash.Benchmarks;

/// <summary>Files the benchmarks read, made in a temp folder (never in the repo) and deleted after.</summary>
internal static class BenchFiles
{
    /// <summary>A fixture copied next to the benchmarks (Fixtures/ in the output folder).</summary>
    public static string Fixture(string name) => Path.Join(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>
    /// A 1 GB log whose last megabytes are real runner lines: the file is sparse up to there, so it costs no
    /// disk, and a reader from the end sees what it would in a real log of that size.
    /// </summary>
    public static string SparseLog(string folder, long length, string tailText)
    {
        var path = Path.Join(folder, "runner-1g.log");
        var tail = System.Text.Encoding.UTF8.GetBytes(tailText);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(length - tail.Length);
        file.Seek(0, SeekOrigin.End);
        file.Write(tail);
        return path;
    }

    /// <summary>Runs bench/make_workspace.py into <paramref name="folder"/>; returns the root's name.</summary>
    public static string Workspace(string folder, params string[] sizes)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            ArgumentList = { Path.Join(AppContext.BaseDirectory, "make_workspace.py"), folder },
        };
        foreach (var size in sizes)
        {
            start.ArgumentList.Add(size);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var root = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"make_workspace.py exited {process.ExitCode}");
        }

        return root;
    }

    /// <summary>Lines like a runner log's: iteration tables, progress bars with \r, case headers.</summary>
    public static string RunnerLines(int iterations)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < iterations; i++)
        {
            text.Append("------------------------------------------\n")
                .Append(invariant, $"| {"Iteration",20} | {i,15} |\n")
                .Append(invariant, $"| {"Test_Return",20} | {10 + i * 0.001,15:0.000} |\n")
                .Append(invariant, $"\u001b[32m[INFO]\u001b[0m iter {i} \r 10%\r 50%\r100% done\n");
        }

        return text.ToString();
    }
}
