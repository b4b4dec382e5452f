using System.Text;
using System.Text.Json;

namespace Mkdash.Files;

/// <summary>
/// Parses JSON the way Python's <c>json.dump</c> writes it: bare <c>NaN</c>, <c>Infinity</c> and
/// <c>-Infinity</c> become the strings "NaN", "Infinity" and "-Infinity"; a BOM, comments and
/// trailing commas are accepted; bytes that are not UTF-8 become U+FFFD.
/// </summary>
internal static class LenientJson
{
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        var body = utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

        // Bytes that are not UTF-8 become U+FFFD here, as in the logs: a value that cannot be read as text
        // would otherwise fail later, when the page's JSON is written.
        var text = System.Text.Unicode.Utf8.IsValid(body)
            ? body
            : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body));
        return JsonDocument.Parse(QuoteNamedNumbers(text), Options);
    }

    /// <summary>Reads and parses a whole file, refusing one larger than <paramref name="maxBytes"/>.</summary>
    public static JsonDocument ParseFile(string path, int maxBytes = DefaultMaxBytes)
    {
        using var handle = ReadOnlyFile.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > maxBytes)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is {length} bytes, over the {maxBytes} byte cap");
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Parse(bytes.AsSpan(0, read));
    }

    private static byte[] QuoteNamedNumbers(ReadOnlySpan<byte> json)
    {
        var output = new List<byte>(json.Length + 16);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\' && i + 1 < json.Length)
                {
                    output.Add(json[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                output.Add(b);
                continue;
            }

            var named = NamedNumberAt(json[i..]);
            if (named is not null)
            {
                output.Add((byte)'"');
                output.AddRange(Encoding.ASCII.GetBytes(named));
                output.Add((byte)'"');
                i += named.Length - 1;
                continue;
            }

            output.Add(b);
        }

        return [.. output];
    }

    private static string? NamedNumberAt(ReadOnlySpan<byte> rest)
    {
        if (rest.StartsWith("NaN"u8))
        {
            return "NaN";
        }

        if (rest.StartsWith("Infinity"u8))
        {
            return "Infinity";
        }

        return rest.StartsWith("-Infinity"u8) ? "-Infinity" : null;
    }
}
