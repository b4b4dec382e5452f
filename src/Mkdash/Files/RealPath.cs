namespace Mkdash.Files;

/// <summary>Resolves every symlink along a path, like realpath(3), without touching the file.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The absolute path with no symlinks left in it, or null when some part does not exist.</summary>
    public static string? Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path) == path ? path : Path.GetFullPath(path), ref links);
    }

    private static string? Resolve(string absolute, ref int links)
    {
        var current = "/";
        foreach (var part in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                var resolved = Resolve(Path.IsPathRooted(target) ? target : Path.Join(current, target), ref links);
                if (resolved is null)
                {
                    return null;
                }

                current = resolved;
                continue;
            }

            if (!info.Exists && !Directory.Exists(next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both resolved).</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = folder.EndsWith('/') ? folder : folder + "/";
        return path == folder || path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
