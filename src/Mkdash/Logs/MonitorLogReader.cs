using Mkdash.Files;
using Mkdash.Gpus;

namespace Mkdash.Logs;

/// <summary>Reads the last GPU samples of a monitor log from its end, reading more only when needed.</summary>
internal static class MonitorLogReader
{
    // A block is a header, one row per GPU, a progress JSON and two status lines: about 12 lines with two GPUs.
    private const int LinesPerSampleGuess = 12;

    private const int MaxLines = 200_000;

    public static IReadOnlyList<GpuSample> ReadLastSamples(string path, int count, TimeZoneInfo zone)
    {
        var lines = Math.Max(count * LinesPerSampleGuess, 64);
        while (true)
        {
            var tail = TailReader.ReadLastLines(path, lines, CarriageReturns.Overwrite, maxLineBytes: 4096);
            var samples = MonitorLogParser.Parse(tail.Lines, zone);
            if (samples.Count >= count || tail.ReachedStart || lines >= MaxLines)
            {
                return samples.Count > count ? samples.GetRange(samples.Count - count, count) : samples;
            }

            lines = Math.Min(lines * 4, MaxLines);
        }
    }
}
