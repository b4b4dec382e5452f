using System.Text.Json;
using Mkdash.Files;

namespace Mkdash.Runs;

/// <summary>Reads <c>progress.json</c>.</summary>
internal static class ProgressReader
{
    public const string FileName = "progress.json";

    private static readonly HashSet<string> Known = ["done", "total", "last_case", "status"];

    public static Progress Read(string path)
    {
        using var document = LenientJson.ParseFile(path);
        return FromJson(document.RootElement);
    }

    public static Progress FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
        }

        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                extra[property.Name] = property.Value.Clone();
            }
        }

        return new Progress(
            JsonValues.Integer(root, "done"),
            JsonValues.Integer(root, "total"),
            JsonValues.String(root, "last_case"),
            JsonValues.String(root, "status"),
            extra);
    }
}
