using System.Text.Json;
using System.Text.Json.Serialization;
using Mkdash.Health;
using Mkdash.Runs;
using Mkdash.Snapshots;

namespace Mkdash.Web;

/// <summary>
/// The API's JSON, generated at build time (no reflection, so it works in a Native AOT binary): camelCase
/// names, enums as snake_case words, and NaN or Infinity from a file written as strings rather than failing.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(SnakeCaseEnumConverter<HealthLevel>), typeof(SnakeCaseEnumConverter<StageState>)])]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(JsonError))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
