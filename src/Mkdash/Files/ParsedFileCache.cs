using System.Collections.Concurrent;

namespace Mkdash.Files;

/// <summary>
/// Parses a file once per change (length or mtime) for every viewer, and keeps the last good value
/// when the writer is caught halfway, so the page shows it as stale instead of blinking empty.
/// </summary>
internal sealed class ParsedFileCache<T>(Func<string, T> parse, TimeProvider time)
    where T : class
{
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public ParsedFile<T> Get(string path)
    {
        var stamp = ReadOnlyFile.Stamp(path);
        if (stamp is null)
        {
            entries.TryRemove(path, out _);
            return ParsedFile<T>.Missing(path);
        }

        if (entries.TryGetValue(path, out var known) && known.Stamp == stamp)
        {
            return known.Result;
        }

        var result = Read(path, known?.Result);
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[path] = new Entry(stamp.Value, result);
        return result;
    }

    private ParsedFile<T> Read(string path, ParsedFile<T>? previous)
    {
        try
        {
            return new ParsedFile<T>(parse(path), null, false, time.GetUtcNow().UtcDateTime);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Whatever a file holds, it costs that file's card a message, never the whole snapshot.
            var message = $"{Path.GetFileName(path)}: {Describe(error)}";
            return previous?.Value is null
                ? new ParsedFile<T>(null, message, false, null)
                : previous with { Error = message, Stale = true };
        }
    }

    private static string Describe(Exception error)
    {
        return error switch
        {
            System.Text.Json.JsonException => "not complete JSON (the runner may be writing it): " + error.Message,
            FileNotFoundException => "not found",
            IOException or UnauthorizedAccessException or InvalidDataException or FormatException => error.Message,
            _ => $"could not be read ({error.GetType().Name}: {error.Message})",
        };
    }

    private sealed record Entry(FileStamp Stamp, ParsedFile<T> Result);
}
