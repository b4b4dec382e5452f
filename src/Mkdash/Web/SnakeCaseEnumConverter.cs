using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mkdash.Web;

/// <summary>Writes an enum as its snake_case name (<c>NotRun</c> as <c>not_run</c>), without reflection.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;
