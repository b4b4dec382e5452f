using System.Text.Json.Serialization;

namespace Mkdash.Demo;

/// <summary>
/// The demo's progress.json and attempts.json, written indented like Python's <c>json.dump(indent=2)</c>, with
/// generated code (no reflection, for the Native AOT binary). Values are ints, doubles and strings.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, IndentSize = 2)]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
