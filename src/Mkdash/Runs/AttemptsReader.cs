using System.Text.Json;
using Mkdash.Files;

namespace Mkdash.Runs;

/// <summary>Reads <c>runs/&lt;case&gt;/attempts.json</c>, tolerating any key set a runner version wrote.</summary>
internal static class AttemptsReader
{
    public const string FileName = "attempts.json";

    public static readonly string[] StageNames = ["probe", "long", "test", "viz"];

    public static AttemptList Read(string path)
    {
        using var document = LenientJson.ParseFile(path);
        return FromJson(document.RootElement);
    }

    public static AttemptList FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"expected a JSON array of attempts, found {root.ValueKind.ToString().ToLowerInvariant()}");
        }

        var attempts = new List<Attempt>();
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                attempts.Add(ReadAttempt(attempts.Count, item));
            }
        }

        var current = attempts.LastOrDefault(a => a.InProgress) ?? attempts.LastOrDefault();
        return new AttemptList(attempts, current);
    }

    private static Attempt ReadAttempt(int index, JsonElement item)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in item.EnumerateObject())
        {
            fields[property.Name] = property.Value.Clone();
        }

        var note = JsonValues.String(item, "note");
        return new Attempt(
            index,
            JsonValues.String(item, "case"),
            JsonValues.String(item, "method"),
            JsonValues.String(item, "case_type"),
            JsonValues.String(item, "variant"),
            JsonValues.Integer(item, "num_envs"),
            note,
            JsonValues.Integer(item, "final_ok"),
            [.. StageNames.Select(stage => ReadStage(item, stage, note))],
            ReadBudget(item),
            fields);
    }

    private static StageResult ReadStage(JsonElement item, string stage, string? note)
    {
        var rc = JsonValues.Integer(item, $"{stage}_rc");
        var ok = JsonValues.Integer(item, $"{stage}_ok");
        var timedOut = JsonValues.Integer(item, $"{stage}_timeout") == 1 || rc == 124;
        var state = note == $"in_progress_{stage}" ? StageState.Running
            : ok == 1 ? StageState.Ok
            : timedOut ? StageState.Timeout
            : rc is null or -1 ? StageState.NotRun
            : StageState.Failed;

        var logKey = stage is "probe" or "long" ? $"{stage}_train_log" : $"{stage}_log";
        return new StageResult(
            stage,
            state,
            rc,
            JsonValues.Number(item, $"{stage}_elapsed_sec"),
            JsonValues.String(item, logKey));
    }

    private static LongBudget? ReadBudget(JsonElement item)
    {
        var mode = JsonValues.String(item, "long_mode");
        var target = JsonValues.Number(item, "long_budget_target_sec");
        if (mode is null && target is null)
        {
            return null;
        }

        var reached = JsonValues.Integer(item, "long_budget_reached");
        return new LongBudget(
            mode,
            target,
            JsonValues.Number(item, "long_budget_elapsed_sec"),
            reached is null ? null : reached == 1,
            JsonValues.String(item, "long_stop_reason"));
    }
}
