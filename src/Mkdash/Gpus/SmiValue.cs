using System.Globalization;

namespace Mkdash.Gpus;

/// <summary>Reads one value the way nvidia-smi prints it: "86 %", "17253 MiB", "363.52 W", "[N/A]".</summary>
internal static class SmiValue
{
    /// <summary>The number; null for a bracketed token ([N/A], [Not Supported], ...) or anything unreadable.</summary>
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.StartsWith('[') || value.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] is '.' or '-' or '+' or 'e' or 'E'))
        {
            end++;
        }

        var digits = value.AsSpan(0, end);
        var ok = double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        return ok && double.IsFinite(number) ? number : null;
    }

    /// <summary>Text as printed, or null for a bracketed token or nothing.</summary>
    public static string? Text(string? text)
    {
        var value = text?.Trim();
        return string.IsNullOrEmpty(value) || value.StartsWith('[') ? null : value;
    }
}
