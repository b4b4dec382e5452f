using System.Globalization;

namespace Mkdash.Gpus;

/// <summary>Parses <c>nvidia-smi --query-gpu=... --format=csv,noheader,nounits</c> output.</summary>
internal static class NvidiaSmiCsv
{
    /// <summary>The fields asked for, in the order the parser reads them.</summary>
    public const string QueryFields = "index,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw";

    public static List<GpuReading> Parse(string output)
    {
        var readings = new List<GpuReading>();
        foreach (var raw in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = raw.Split(',', StringSplitOptions.TrimEntries);
            if (cells.Length < 7 || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            readings.Add(new GpuReading(
                index,
                cells[1].StartsWith('[') ? null : cells[1],
                SmiValue.Parse(cells[2]),
                SmiValue.Parse(cells[3]),
                SmiValue.Parse(cells[4]),
                SmiValue.Parse(cells[5]),
                SmiValue.Parse(cells[6])));
        }

        return readings;
    }
}
