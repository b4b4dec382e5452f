using System.Text;

namespace Mkdash.Files;

/// <summary>
/// Reads the last lines of a file from its end, so the cost follows the lines asked for, not the file's size.
/// </summary>
internal static class TailReader
{
    public const int DefaultMaxLineBytes = 64 * 1024;

    public const string CutMarker = " … [cut]";

    private const int ChunkBytes = 64 * 1024;

    public static LogTail ReadLastLines(
        string path,
        int count,
        CarriageReturns carriageReturns = CarriageReturns.Overwrite,
        int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var handle = ReadOnlyFile.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (count == 0 || length == 0)
        {
            return LogTail.Empty with { FileLength = length, ReachedStart = length == 0 };
        }

        // Never read more than count lines of the longest allowed length: a file that is one
        // endless line costs the same as any other.
        var budget = (long)count * (maxLineBytes + 1) + 1;
        var (tail, start, cut) = ReadBackwards(handle, length, count, carriageReturns, budget);
        var reachedStart = start == 0 && !cut;
        var text = Encoding.UTF8.GetString(tail);
        var lines = SplitLines(text, carriageReturns, maxLineBytes);

        // The first line is partial when the read stopped in its middle, and one too many after a cut.
        if (!reachedStart && lines.Count > count)
        {
            lines.RemoveAt(0);
        }

        var dropped = lines.Count > count;
        if (dropped)
        {
            lines.RemoveRange(0, lines.Count - count);
        }

        return new LogTail(lines, length, reachedStart && !dropped);
    }

    /// <summary>
    /// Reads chunks from the end until <paramref name="count"/> lines are covered. The bytes returned start just
    /// after the break before the first wanted line where one was found (Cut), so only what is shown is decoded;
    /// otherwise at the first byte read (Start 0 when that is the file's start).
    /// </summary>
    private static (byte[] Tail, long Start, bool Cut) ReadBackwards(
        Microsoft.Win32.SafeHandles.SafeFileHandle handle,
        long length,
        int count,
        CarriageReturns carriageReturns,
        long budget)
    {
        var chunks = new List<byte[]>();
        var position = length;
        var breaks = 0;
        var total = 0L;
        var cut = -1;

        // A break that ends the file closes the last line; it does not start a new one.
        var wanted = count + 1;
        var lastByte = ReadByte(handle, length - 1);
        if (IsBreak(lastByte, carriageReturns))
        {
            wanted++;
        }

        while (position > 0 && breaks < wanted && total < budget)
        {
            var size = (int)Math.Min(ChunkBytes, position);
            position -= size;
            var chunk = new byte[size];
            RandomAccess.Read(handle, chunk, position);
            chunks.Add(chunk);
            total += size;
            breaks += CountBreaks(chunk, carriageReturns, breaks, wanted, out cut);
        }

        // A \r that ends a chunk may be the half of a \r\n whose \n was counted in the chunk after it: then the
        // chunk is decoded whole, as when no cut was found, and the line split sorts it out.
        var first = chunks[^1];
        if (cut < 0 || (cut == first.Length && first[^1] == (byte)'\r'))
        {
            cut = 0;
        }

        var tail = new byte[total - cut];
        first.AsSpan(cut).CopyTo(tail);
        var offset = first.Length - cut;
        for (var i = chunks.Count - 2; i >= 0; i--)
        {
            chunks[i].CopyTo(tail, offset);
            offset += chunks[i].Length;
        }

        return (tail, position + cut, cut > 0);
    }

    private static byte ReadByte(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset)
    {
        Span<byte> one = stackalloc byte[1];
        RandomAccess.Read(handle, one, offset);
        return one[0];
    }

    /// <summary>Breaks in the chunk from its end, stopping at the one that makes <paramref name="wanted"/>.</summary>
    /// <param name="cut">Just after that last break, in the chunk; -1 when the chunk did not reach it.</param>
    private static int CountBreaks(byte[] chunk, CarriageReturns carriageReturns, int already, int wanted, out int cut)
    {
        cut = -1;
        var found = 0;
        for (var i = chunk.Length - 1; i >= 0 && already + found < wanted; i--)
        {
            var b = chunk[i];
            if (b == (byte)'\n' || (b == (byte)'\r' && carriageReturns == CarriageReturns.LineBreak))
            {
                // "\r\n" is one break; its "\r" half was counted with the "\n".
                var isSecondHalfOfCrLf = b == (byte)'\r' && i + 1 < chunk.Length && chunk[i + 1] == (byte)'\n';
                if (!isSecondHalfOfCrLf && ++found + already == wanted)
                {
                    cut = i + 1;
                }
            }
        }

        return found;
    }

    private static bool IsBreak(byte b, CarriageReturns carriageReturns)
    {
        return b == (byte)'\n' || (b == (byte)'\r' && carriageReturns == CarriageReturns.LineBreak);
    }

    private static List<string> SplitLines(string text, CarriageReturns carriageReturns, int maxLineBytes)
    {
        var rows = carriageReturns == CarriageReturns.LineBreak
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r')
            : text.Split('\n');

        var lines = new List<string>(rows.Length);
        foreach (var row in rows)
        {
            var line = carriageReturns == CarriageReturns.Overwrite ? LastOverwrite(row) : row;
            lines.Add(Cap(line, maxLineBytes));
        }

        // The text after the last break is empty when the file ends with a break.
        if (lines.Count > 0 && rows[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>What a terminal would show of a row that redraws itself with <c>\r</c>.</summary>
    internal static string LastOverwrite(string row)
    {
        var trimmed = row.TrimEnd('\r');
        var cut = trimmed.LastIndexOf('\r');
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }

    private static string Cap(string line, int maxLineBytes)
    {
        // Characters stand in for bytes here: the cap is about what a page can show, not exact bytes.
        return line.Length <= maxLineBytes ? line : string.Concat(line.AsSpan(0, maxLineBytes), CutMarker);
    }
}
