namespace Mkdash.Runs;

/// <summary>Maps a case's args file name to its folder under <c>runs/</c>.</summary>
internal static class CaseFolder
{
    /// <summary>"add_go2_args.txt" → "add_go2_args"; null for a name that is not a plain file name.</summary>
    public static string? For(string? lastCase)
    {
        if (string.IsNullOrWhiteSpace(lastCase))
        {
            return null;
        }

        var name = lastCase.EndsWith(".txt", StringComparison.Ordinal) ? lastCase[..^4] : lastCase;

        // The name comes from a file: it must not lead out of runs/.
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            return null;
        }

        return name;
    }
}
