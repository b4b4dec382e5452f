namespace Mkdash.Roots;

/// <summary>The root to read, or why there is none.</summary>
internal sealed record RootResolution(RunRoot? Root, string? Error)
{
    public static RootResolution Found(RunRoot root) => new(root, null);

    public static RootResolution Refused(string error) => new(null, error);
}
