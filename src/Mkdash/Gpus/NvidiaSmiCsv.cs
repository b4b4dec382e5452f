using System.Globalization;
using System.Text.RegularExpressions;

namespace Mkdash.Gpus;

/// <summary>
/// Reads <c>nvidia-smi --query-gpu=... --format=csv,noheader,nounits</c> output and what it says beside it.
/// </summary>
internal static partial class NvidiaSmiCsv
{
    /// <summary>Every field asked for, in the order asked; the rows are matched to GPUs by the first, index.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "index", "name", "uuid", "pci.bus_id", "utilization.gpu", "utilization.memory", "memory.used",
        "memory.total", "temperature.gpu", "power.draw", "power.limit",
    ];

    /// <summary>Reads the output of a query for <paramref name="fields"/> (in that order).</summary>
    public static NvidiaSmiOutput Parse(string output, IReadOnlyList<string> fields)
    {
        var gpus = new List<GpuReading>();
        var lost = new List<(string? BusId, string Error)>();
        var other = new List<string>();
        string? unknownField = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ReadRow(line, fields) is { } gpu)
            {
                gpus.Add(gpu);
            }
            else if (NoHandle().Match(line) is { Success: true } noHandle)
            {
                lost.Add((PciBusId.Normalize(noHandle.Groups[1].Value), noHandle.Groups[2].Value.Trim()));
            }
            else if (NotAField().Match(line) is { Success: true } notAField)
            {
                unknownField ??= notAField.Groups[1].Value;
            }
            else
            {
                other.Add(line);
            }
        }

        return new NvidiaSmiOutput([.. gpus.Concat(Place(gpus, lost)).OrderBy(gpu => gpu.Index)], unknownField, other);
    }

    private static GpuReading? ReadRow(string line, IReadOnlyList<string> fields)
    {
        var cells = line.Split(',', StringSplitOptions.TrimEntries);
        if (cells.Length != fields.Count || fields[0] != "index"
            || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        string? Cell(string field)
        {
            var column = IndexOf(fields, field);
            return column < 0 ? null : cells[column];
        }

        double? Number(string field) => SmiValue.Parse(Cell(field));

        return new GpuReading
        {
            Index = index,
            Name = SmiValue.Text(Cell("name")),
            Uuid = SmiValue.Text(Cell("uuid")),
            PciBusId = SmiValue.Text(Cell("pci.bus_id")) is { } busId ? PciBusId.Normalize(busId) ?? busId : null,
            Utilization = Number("utilization.gpu"),
            MemoryUtilization = Number("utilization.memory"),
            MemoryUsedMiB = Number("memory.used"),
            MemoryTotalMiB = Number("memory.total"),
            TemperatureC = Number("temperature.gpu"),
            PowerW = Number("power.draw"),
            PowerLimitW = Number("power.limit"),
        };
    }

    /// <summary>
    /// GPUs nvidia-smi could not reach are named by bus id only. Both tools number GPUs in bus order, so each
    /// takes, in bus order, an index the reachable ones left free.
    /// </summary>
    private static IEnumerable<GpuReading> Place(List<GpuReading> gpus, List<(string? BusId, string Error)> lost)
    {
        var taken = gpus.Select(gpu => gpu.Index).ToHashSet();
        var free = Enumerable.Range(0, int.MaxValue).Where(index => !taken.Contains(index));
        var ordered = lost.OrderBy(gpu => PciBusId.SortKey(gpu.BusId) ?? ulong.MaxValue);
        return ordered.Zip(free, (gpu, index) => GpuReading.Failed(index, gpu.BusId, gpu.Error));
    }

    private static int IndexOf(IReadOnlyList<string> fields, string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    // "Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error" (newer drivers put a space
    // after "GPU").
    [GeneratedRegex(
        @"^Unable to determine the device handle for GPU\s*([0-9A-Fa-f]+:[0-9A-Fa-f]+:[0-9A-Fa-f]+\.[0-7]):\s*(.*)$")]
    private static partial Regex NoHandle();

    [GeneratedRegex(@"^Field ""([^""]+)"" is not a valid field to query\.?$")]
    private static partial Regex NotAField();
}
