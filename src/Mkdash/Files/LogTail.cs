namespace Mkdash.Files;

/// <summary>The last lines of a file, and how much of the file they stand for.</summary>
/// <param name="Lines">Oldest first; a line longer than the cap ends with <see cref="TailReader.CutMarker"/>.</param>
/// <param name="FileLength">The file's length when it was read.</param>
/// <param name="ReachedStart">True when the lines begin at the start of the file.</param>
internal sealed record LogTail(IReadOnlyList<string> Lines, long FileLength, bool ReachedStart)
{
    public static LogTail Empty { get; } = new([], 0, true);
}
