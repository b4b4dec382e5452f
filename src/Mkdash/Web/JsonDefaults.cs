using System.Text.Json;

namespace Mkdash.Web;

/// <summary>How the API writes JSON: camelCase names, enums as snake_case words.</summary>
/// <remarks>The generated <see cref="DashboardJsonContext"/> holds the settings; these are its options.</remarks>
internal static class JsonDefaults
{
    /// <summary>Options that know only the generated types: a type missing from the context fails tests too.</summary>
    public static JsonSerializerOptions Options => DashboardJsonContext.Default.Options;
}
