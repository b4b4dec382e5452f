using System.Runtime.InteropServices;

namespace Mkdash.Files;

/// <summary>
/// What a path is, from statx(2), whose layout is the same on every Linux architecture. Only regular
/// files are ever opened: opening a named pipe waits for a writer, and a device can stream forever.
/// </summary>
internal static partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const ushort TypeMask = 0xF000;
    private const ushort Regular = 0x8000;
    private const ushort Directory = 0x4000;

    /// <summary>
    /// Null for a regular file (or when the path is not there, or statx is missing); else what it is.
    /// </summary>
    public static unsafe string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = stackalloc byte[256];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, 0, StatxType, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            return null;
        }

        var type = (ushort)(*(ushort*)(buffer + ModeOffset) & TypeMask);
        return type switch
        {
            Regular => null,
            Directory => "a folder",
            0x1000 => "a named pipe",
            0x2000 or 0x6000 => "a device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
