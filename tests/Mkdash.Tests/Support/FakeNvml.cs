using System.Diagnostics;

namespace Mkdash.Tests.Support;

/// <summary>
/// A fake libnvidia-ml.so built from fake_nvml.c with gcc during the test run (once), copied into a test's own
/// folder with its script beside it (each copy is loaded on its own, so tests running at once do not share
/// state). The format of the script is described at the top of fake_nvml.c.
/// </summary>
internal static class FakeNvml
{
    public const string ScriptName = "fake-nvml.txt";

    private static readonly Lazy<string> Built = new(() => Build(oldDriver: false));

    private static readonly Lazy<string> BuiltOld = new(() => Build(oldDriver: true));

    /// <summary>A fresh copy of the library with <paramref name="script"/> beside it; returns its path.</summary>
    /// <param name="oldDriver">Export the calls drivers before 2019 had instead of the newer ones.</param>
    public static string Create(TempWorkspace temp, string script, bool oldDriver = false)
    {
        var folder = Path.Join(temp.Folder, $"nvml-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var library = Path.Join(folder, "libnvidia-ml.so.1");
        File.Copy(oldDriver ? BuiltOld.Value : Built.Value, library);
        File.WriteAllText(Path.Join(folder, ScriptName), script);
        return library;
    }

    /// <summary>Changes what the library answers from its next call on.</summary>
    public static void Rewrite(string library, string script)
    {
        // A new file (new inode), so the library sees the change even within one timestamp tick.
        var path = Path.Join(Path.GetDirectoryName(library)!, ScriptName);
        File.WriteAllText(path + ".new", script);
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>Two healthy GPUs with every field set; the second runs <paramref name="pid"/>.</summary>
    public static string TwoGpus(int pid) => $"""
        count=2
        gpu0.name=NVIDIA H200
        gpu0.uuid=GPU-11111111-2222-3333-4444-555555555555
        gpu0.bus=00000000:19:00.0
        gpu0.util=86
        gpu0.memutil=41
        gpu0.memused_mib=17253
        gpu0.memtotal_mib=143771
        gpu0.temp=61
        gpu0.power_mw=363520
        gpu0.limit_mw=700000
        gpu0.procs=
        gpu1.name=NVIDIA H200
        gpu1.uuid=GPU-66666666-7777-8888-9999-000000000000
        gpu1.bus=00000000:3b:00.0
        gpu1.util=76
        gpu1.memutil=30
        gpu1.memused_mib=17039
        gpu1.memtotal_mib=143771
        gpu1.temp=58
        gpu1.power_mw=323030
        gpu1.limit_mw=700000
        gpu1.procs={pid}:16000,999999999:-

        """;

    private static string Build(bool oldDriver)
    {
        var source = Path.Join(AppContext.BaseDirectory, "Support", "fake_nvml.c");
        var folder = Path.Join(AppContext.BaseDirectory, "fake-nvml");
        Directory.CreateDirectory(folder);
        var output = Path.Join(folder, oldDriver ? "libnvidia-ml-fake-old.so" : "libnvidia-ml-fake.so");
        var start = new ProcessStartInfo("gcc")
        {
            ArgumentList = { "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o", output, source },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        if (oldDriver)
        {
            start.ArgumentList.Insert(0, "-DOLD_DRIVER");
        }

        using var gcc = Process.Start(start) ?? throw new InvalidOperationException("gcc did not start");
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc could not build the fake NVML library: {errors}");
        }

        return output;
    }
}
