using System.Text.Json;

namespace Mkdash.Runs;

/// <summary>The root's <c>progress.json</c>: every key optional, unknown keys kept.</summary>
/// <param name="Done">Cases finished; while a case runs, its index minus one.</param>
/// <param name="Total">Cases selected.</param>
/// <param name="LastCase">The args file of the case being run or last run, e.g. <c>add_go2_args.txt</c>.</param>
/// <param name="Status">starting, running_case, reused_case, completed_case; absent from older runners.</param>
/// <param name="Extra">Keys this version of mkdash does not know.</param>
internal sealed record Progress(
    int? Done,
    int? Total,
    string? LastCase,
    string? Status,
    IReadOnlyDictionary<string, JsonElement> Extra)
{
    /// <summary>Done over total, 0 to 100, or null when either is missing or total is not positive.</summary>
    public double? Percent => Done is int done && Total is int total && total > 0
        ? Math.Round(100.0 * done / total, 1)
        : null;
}
