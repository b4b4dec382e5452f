using System.Globalization;
using System.Text.RegularExpressions;
using Mkdash.Gpus;

namespace Mkdash.Logs;

/// <summary>
/// Turns monitor-log lines of either shape into GPU history samples: one-line records
/// (<c>2026-12-03 19:12:39 | ... GPU0=86% GPU1=76% ...</c>) and blocks (<c>=== time ===</c> then
/// nvidia-smi CSV rows).
/// </summary>
internal static partial class MonitorLogParser
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static List<GpuSample> Parse(IEnumerable<string> lines, TimeZoneInfo zone)
    {
        var samples = new List<GpuSample>();
        long? blockTime = null;
        List<GpuPoint>? block = null;
        var previousBlockSize = 0;

        foreach (var line in lines)
        {
            var header = BlockHeader().Match(line);
            if (header.Success)
            {
                previousBlockSize = Flush(samples, blockTime, block, previousBlockSize);
                blockTime = ToUnixMs(header.Groups[1].Value, zone);
                block = [];
                continue;
            }

            if (block is not null && CsvRow().Match(line) is { Success: true } row)
            {
                block.Add(ReadCsvRow(row));
                continue;
            }

            if (LineRecord().Match(line) is { Success: true } record
                && ToUnixMs(record.Groups[1].Value, zone) is long time)
            {
                var points = ReadLineRecord(line);
                if (points.Count > 0)
                {
                    samples.Add(new GpuSample(time, "monitor", points));
                }
            }
        }

        // The last block may still be being written: keep it only when it is as complete as the one before.
        if (block is not null && block.Count > 0 && block.Count >= previousBlockSize)
        {
            Flush(samples, blockTime, block, previousBlockSize);
        }

        return samples;
    }

    private static int Flush(List<GpuSample> samples, long? time, List<GpuPoint>? block, int previousSize)
    {
        if (time is null || block is null || block.Count == 0)
        {
            return previousSize;
        }

        samples.Add(new GpuSample(time.Value, "monitor", block));
        return block.Count;
    }

    private static GpuPoint ReadCsvRow(Match row)
    {
        return new GpuPoint(
            int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture),
            SmiValue.Parse(row.Groups[2].Value),
            SmiValue.Parse(row.Groups[3].Value),
            SmiValue.Parse(row.Groups[4].Value),
            SmiValue.Parse(row.Groups[5].Value));
    }

    private static List<GpuPoint> ReadLineRecord(string line)
    {
        var points = new List<GpuPoint>();
        Dictionary<string, string>? memory = null;
        Dictionary<string, string>? power = null;
        foreach (Match util in UtilField().Matches(line))
        {
            var index = int.Parse(util.Groups[1].Value, CultureInfo.InvariantCulture);
            var key = index.ToString(CultureInfo.InvariantCulture);
            memory ??= Fields(MemoryField(), line);
            power ??= Fields(PowerField(), line);
            points.Add(new GpuPoint(
                index,
                SmiValue.Parse(util.Groups[2].Value),
                memory.TryGetValue(key, out var mem) ? SmiValue.Parse(mem) : null,
                null,
                power.TryGetValue(key, out var pw) ? SmiValue.Parse(pw) : null));
        }

        return points;
    }

    /// <summary>The first value of each GPU's field on the line, by the GPU number as written.</summary>
    private static Dictionary<string, string> Fields(Regex field, string line)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in field.Matches(line))
        {
            values.TryAdd(match.Groups[1].Value, match.Groups[2].Value);
        }

        return values;
    }

    private static long? ToUnixMs(string text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        try
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUnixTimeMilliseconds();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^=== (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) ===\s*$")]
    private static partial Regex BlockHeader();

    [GeneratedRegex(@"^\s*(\d{1,3})\s*,\s*([^,]*),\s*([^,]*),\s*([^,]*),\s*([^,]*?)\s*$")]
    private static partial Regex CsvRow();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) \|")]
    private static partial Regex LineRecord();

    [GeneratedRegex(@"\bGPU(\d{1,3})=([^\s|%]+)%?")]
    private static partial Regex UtilField();

    // "mem0=17177MiB": the value ends before the unit's "Mi" (its "B" may be missing), as each field was read
    // one GPU at a time before; generated once instead of a pattern built per line and GPU.
    [GeneratedRegex(@"\bmem(\d+)=([^\s|]+?)MiB?(?=[\s|]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex MemoryField();

    [GeneratedRegex(@"\bpw(\d+)=([^\s|]+?)W?(?=[\s|]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PowerField();
}
