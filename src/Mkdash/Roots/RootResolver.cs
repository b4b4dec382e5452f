using Mkdash.Files;

namespace Mkdash.Roots;

/// <summary>
/// Turns a requested root (name, workspace-relative or absolute path) into a folder that is safe to read,
/// or picks the newest preferred one; anything outside output/train or an allowed folder is refused.
/// </summary>
internal sealed class RootResolver(string workspace, IReadOnlyList<string> allowedRootDirs)
{
    public string TrainDir { get; } = Path.Join(Path.GetFullPath(workspace), "output", "train");

    public RootResolution Resolve(string? requested, string source)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return AutoPick();
        }

        requested = requested.Trim();
        if (requested.Contains('\0', StringComparison.Ordinal) || requested.Length > 4096)
        {
            return RootResolution.Refused("The root name is not a usable path.");
        }

        var candidate = !requested.Contains('/') ? Path.Join(TrainDir, requested)
            : Path.IsPathRooted(requested) ? requested
            : Path.Join(Path.GetFullPath(workspace), requested);

        var real = RealPath.Resolve(candidate);
        var places = AllowedPlaces();
        if (real is not null && !places.Any(place => RealPath.IsInside(real, place) && real != place))
        {
            return RootResolution.Refused(
                $"Root '{requested}' resolves to {real}, outside {Describe(places)}; mkdash reads roots only there "
                + "(--allow-root-dir adds a place).");
        }

        if (real is null || !Directory.Exists(real))
        {
            return RootResolution.Refused($"Root '{requested}' not found under {TrainDir}.");
        }

        return RootResolution.Found(new RunRoot(Path.GetFileName(real), real, source));
    }

    public RootResolution AutoPick()
    {
        var train = RealPath.Resolve(TrainDir);
        if (train is null || !Directory.Exists(train))
        {
            return RootResolution.Refused($"No run root yet: {TrainDir} does not exist.");
        }

        var candidates = new DirectoryInfo(train).EnumerateDirectories()
            .Select(dir => (Dir: dir, Rank: RootPatterns.Rank(dir.Name), Time: SafeMtime(dir)))
            .OrderBy(item => item.Rank)
            .ThenByDescending(item => item.Time)
            .Select(item => item.Dir.Name);

        // A symlinked folder must still lead somewhere allowed; one that does not is passed over.
        foreach (var name in candidates)
        {
            var resolution = Resolve(name, "auto");
            if (resolution.Root is not null)
            {
                return resolution;
            }
        }

        return RootResolution.Refused($"No run root yet: {TrainDir} has no usable folders.");
    }

    private List<string> AllowedPlaces()
    {
        var places = new List<string>();
        foreach (var dir in allowedRootDirs.Prepend(TrainDir))
        {
            if (RealPath.Resolve(dir) is { } real)
            {
                places.Add(real);
            }
        }

        return places;
    }

    private string Describe(List<string> places)
    {
        return places.Count == 0 ? TrainDir : string.Join(" or ", places);
    }

    private static DateTime SafeMtime(DirectoryInfo dir)
    {
        try
        {
            return dir.LastWriteTimeUtc;
        }
        catch (IOException)
        {
            return DateTime.MinValue;
        }
    }
}
