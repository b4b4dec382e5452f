using Mkdash.Files;
using Mkdash.Gpus;

namespace Mkdash.Logs;

/// <summary>Reads the last GPU samples of a monitor log from its end, reading more only when needed.</summary>
internal static class MonitorLogReader
{
    // The line shape has one line a sample, the block shape about twelve with two GPUs (a header, a row per GPU,
    // the progress JSON, two status lines). The first read covers the line shape; when it found too few, the
    // next one is as long as the samples found say it must be (a block log reads twice, a line log once).
    private const int FirstReadSlack = 16;

    private const int MaxLines = 200_000;

    public static IReadOnlyList<GpuSample> ReadLastSamples(string path, int count, TimeZoneInfo zone)
    {
        var lines = count + FirstReadSlack;
        while (true)
        {
            var tail = TailReader.ReadLastLines(path, lines, CarriageReturns.Overwrite, maxLineBytes: 4096);
            var samples = MonitorLogParser.Parse(tail.Lines, zone);
            if (samples.Count >= count || tail.ReachedStart || lines >= MaxLines)
            {
                return samples.Count > count ? samples.GetRange(samples.Count - count, count) : samples;
            }

            lines = (int)Math.Min(MaxLines, NextRead(lines, samples.Count, count));
        }
    }

    /// <summary>Lines to read next: enough for the wanted samples at the density seen, a quarter to spare.</summary>
    private static long NextRead(int lines, int found, int count)
    {
        return found == 0 ? lines * 4L : Math.Max(lines * 2L, (long)Math.Ceiling(lines * 1.25 * count / found));
    }
}
