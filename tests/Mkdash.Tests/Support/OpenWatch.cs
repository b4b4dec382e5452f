using System.Runtime.InteropServices;
using System.Text;

namespace Mkdash.Tests.Support;

/// <summary>
/// Sees every open and read of the files in a folder, from any process, through inotify(7): the proof
/// that the server never touched a file it must not read, rather than only that it did not show it.
/// </summary>
internal sealed partial class OpenWatch : IDisposable
{
    private const int NonBlocking = 0x800;
    private const uint Access = 0x1;
    private const uint Open = 0x20;
    private const uint IsFolder = 0x40000000;

    private readonly int fd;

    public OpenWatch(string folder)
    {
        fd = InotifyInit(NonBlocking);
        if (fd < 0 || InotifyAddWatch(fd, folder, Open | Access) < 0)
        {
            throw new InvalidOperationException($"inotify on {folder} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>What was opened or read since the last call: the file's name, or "." for the folder itself.</summary>
    public List<string> Take()
    {
        var seen = new List<string>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var count = (int)Read(fd, buffer, buffer.Length);
            if (count <= 0)
            {
                return seen;
            }

            for (var at = 0; at < count;)
            {
                var mask = BitConverter.ToUInt32(buffer, at + 4);
                var length = BitConverter.ToInt32(buffer, at + 12);
                var name = Encoding.UTF8.GetString(buffer, at + 16, length).TrimEnd('\0');
                seen.Add((mask & IsFolder) != 0 && name.Length == 0 ? "." : name.Length == 0 ? "." : name);
                at += 16 + length;
            }
        }
    }

    public void Dispose() => _ = Close(fd);

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
