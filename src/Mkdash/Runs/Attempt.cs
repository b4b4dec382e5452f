using System.Text.Json;

namespace Mkdash.Runs;

/// <summary>One attempt (variant × num_envs) of a case, from <c>attempts.json</c>.</summary>
/// <param name="Index">Position in attempts.json, from 0.</param>
/// <param name="Note">The runner's word on the attempt: in_progress_long, ok, long_nccl, ...</param>
/// <param name="Fields">Every key of the object as written, known or not.</param>
internal sealed record Attempt(
    int Index,
    string? Case,
    string? Method,
    string? CaseType,
    string? Variant,
    int? NumEnvs,
    string? Note,
    int? FinalOk,
    IReadOnlyList<StageResult> Stages,
    LongBudget? Budget,
    IReadOnlyDictionary<string, JsonElement> Fields)
{
    public bool InProgress => Note?.StartsWith("in_progress_", StringComparison.Ordinal) == true;

    /// <summary>"default e512": the way the runner log names an attempt.</summary>
    public string Label => $"{Variant ?? "?"} e{NumEnvs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
