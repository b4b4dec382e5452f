namespace Mkdash.Files;

/// <summary>A file's parsed value as last read, with what went wrong reading it now, if anything.</summary>
/// <param name="Value">The value, or the last good one when <paramref name="Stale"/> is true.</param>
/// <param name="Error">Why the file could not be used now; null when it could.</param>
/// <param name="Stale">True when the current read failed and <paramref name="Value"/> is an older one.</param>
/// <param name="ReadAtUtc">When <paramref name="Value"/> was read.</param>
internal sealed record ParsedFile<T>(T? Value, string? Error, bool Stale, DateTime? ReadAtUtc)
    where T : class
{
    public static ParsedFile<T> Missing(string path) => new(null, $"{Path.GetFileName(path)} not found", false, null);
}
