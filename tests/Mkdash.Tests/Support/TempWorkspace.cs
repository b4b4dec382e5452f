using System.Security.Cryptography;
using System.Text;

namespace Mkdash.Tests.Support;

/// <summary>A real MimicKit-shaped workspace on disk (output/train plus a log dir), deleted after the test.</summary>
internal sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Folder = Directory.CreateTempSubdirectory("mkdash-test-").FullName;
        Workspace = Path.Join(Folder, "MimicKit");
        TrainDir = Path.Join(Workspace, "output", "train");
        LogDir = Path.Join(Folder, "tmp");
        Directory.CreateDirectory(TrainDir);
        Directory.CreateDirectory(LogDir);
    }

    public string Folder { get; }

    public string Workspace { get; }

    public string TrainDir { get; }

    public string LogDir { get; }

    /// <summary>Creates output/train/&lt;name&gt; and returns its path.</summary>
    public string Root(string name, DateTime? mtime = null)
    {
        var path = Path.Join(TrainDir, name);
        Directory.CreateDirectory(Path.Join(path, "runs"));
        if (mtime is not null)
        {
            Directory.SetLastWriteTimeUtc(path, mtime.Value);
        }

        return path;
    }

    /// <summary>Writes text (UTF-8, no BOM) to a path relative to the temp folder, creating folders.</summary>
    public string Write(string relative, string text)
    {
        return WriteBytes(relative, Encoding.UTF8.GetBytes(text));
    }

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Join(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A root laid out as the real runner left it in the samples: two cases, the second with two NCCL failures.</summary>
    public string SampleRoot(string name = "case_ultralong_alloc_full_20261203_191238")
    {
        var root = Root(name);
        File.Copy(Fixture.Path("progress.json"), Path.Join(root, "progress.json"));
        File.Copy(Fixture.Path("case_manifest.tsv"), Path.Join(root, "case_manifest.tsv"));
        Directory.CreateDirectory(Path.Join(root, "runs", "amp_humanoid_args"));
        File.Copy(Fixture.Path("attempts.json"), Path.Join(root, "runs", "amp_humanoid_args", "attempts.json"));
        var stageDir = Directory.CreateDirectory(Path.Join(root, "runs", "amp_humanoid_args", "default_e256")).FullName;
        File.Copy(Fixture.Path("long_train.nccl.tail.log"), Path.Join(stageDir, "long_train.log"));
        File.Copy(Fixture.Path("runner.log"), Path.Join(LogDir, name + ".log"));
        File.Copy(Fixture.Path("monitor-blocks.log"), Path.Join(LogDir, "mk_longcycle_monitor_1.log"));
        return root;
    }

    /// <summary>
    /// A checksum of every file and folder name under the temp folder, to prove nothing was written; files named
    /// <paramref name="except"/> are the test's own to change.
    /// </summary>
    public string Checksum(string? except = null)
    {
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories).Order())
        {
            if (except is not null && Path.GetFileName(path) == except)
            {
                continue;
            }

            text.Append(path).Append('\n');
            if (File.Exists(path))
            {
                text.Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))).Append('\n');
                text.Append(File.GetLastWriteTimeUtc(path).Ticks).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }
}
