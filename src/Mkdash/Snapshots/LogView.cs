namespace Mkdash.Snapshots;

/// <summary>The last lines of a log, or why there are none.</summary>
/// <param name="Path">The file read; null when none was found.</param>
/// <param name="Length">Its size in bytes when read.</param>
/// <param name="Error">Why no lines could be shown; null when they could.</param>
internal sealed record LogView(string? Path, long? Length, IReadOnlyList<string> Lines, string? Error)
{
    public static LogView NotFound(string message) => new(null, null, [], message);
}
