using System.Globalization;
using System.Text.RegularExpressions;

namespace Mkdash.Gpus;

/// <summary>
/// PCI bus ids as the drivers print them ("00000000:3B:00.0", "0000:3b:00.0"): one spelling, and the order
/// NVML and nvidia-smi number GPUs in.
/// </summary>
internal static partial class PciBusId
{
    /// <summary>The eight-digit-domain, upper-case spelling NVML uses; null when it is not a bus id.</summary>
    public static string? Normalize(string? text)
    {
        return SortKey(text) is ulong key
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{key >> 24:X8}:{(key >> 16) & 0xFF:X2}:{(key >> 8) & 0xFF:X2}.{key & 0xFF:X}")
            : null;
    }

    /// <summary>A number that sorts bus ids the way the bus does; null when it is not a bus id.</summary>
    public static ulong? SortKey(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            return null;
        }

        var domain = ulong.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bus = ulong.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var device = ulong.Parse(match.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var function = ulong.Parse(match.Groups[4].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (domain << 24) | (bus << 16) | (device << 8) | function;
    }

    [GeneratedRegex(@"^([0-9A-Fa-f]{1,8}):([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})\.([0-7])$")]
    private static partial Regex Pattern();
}
