using System.Globalization;
using System.Text.Json;

namespace Mkdash.Files;

/// <summary>Tolerant reads of single values: a wrong type is "no value", never an exception.</summary>
internal static class JsonValues
{
    public static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static double? Number(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var value) ? Number(value) : null;
    }

    public static double? Number(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return double.IsFinite(number) ? number : null;
        }

        // "NaN" and "Infinity" arrive as strings from LenientJson; they are not a usable number.
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed))
        {
            return parsed;
        }

        return null;
    }

    public static int? Integer(JsonElement element, string name)
    {
        var number = Number(element, name);
        if (number is null || number < int.MinValue || number > int.MaxValue)
        {
            return null;
        }

        return (int)Math.Round(number.Value);
    }
}
