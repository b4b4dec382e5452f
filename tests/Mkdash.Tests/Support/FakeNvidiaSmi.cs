namespace Mkdash.Tests.Support;

/// <summary>Writes an executable shell script that stands in for nvidia-smi, replaying a real-world answer.</summary>
internal static class FakeNvidiaSmi
{
    public static string Create(TempWorkspace temp, string name, string body)
    {
        var path = temp.Write(Path.Join("bin", name), "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Prints <paramref name="output"/> and exits with <paramref name="exitCode"/>.</summary>
    public static string Printing(TempWorkspace temp, string output, int exitCode = 0)
    {
        var file = temp.Write(Path.Join("bin", $"out{Guid.NewGuid():N}.txt"), output);
        return Create(temp, $"smi{Guid.NewGuid():N}", $"cat '{file}'\nexit {exitCode}");
    }
}
