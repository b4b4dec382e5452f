namespace Mkdash.Files;

/// <summary>Opens workspace files the only way mkdash ever does: for reading, never blocking the writer.</summary>
internal static class ReadOnlyFile
{
    /// <summary>Opens <paramref name="path"/> for reading, sharing read, write and delete with everyone else.</summary>
    public static FileStream Open(string path, int bufferSize = 1)
    {
        // bufferSize 1 turns off FileStream's own buffer: the readers here do their own chunking.
        return new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete,
            bufferSize,
            FileOptions.None);
    }

    /// <summary>A handle for positional reads (<see cref="RandomAccess"/>), with the same sharing.</summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenHandle(string path)
    {
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Length and last write time, or null when the file is not there (or not a file).</summary>
    public static FileStamp? Stamp(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        return new FileStamp(info.Length, info.LastWriteTimeUtc);
    }
}
