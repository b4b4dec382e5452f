namespace Mkdash.Roots;

/// <summary>The auto-pick preference: the first prefix with any match wins, newest first within it.</summary>
internal static class RootPatterns
{
    public static readonly string[] Prefixes =
    [
        "case_ultralong_alloc_",
        "case_ultralong_",
        "case_longcycle_",
        "case_e2e_",
        "case_gpu_alloc_",
        "case_gpu_bench_",
    ];

    /// <summary>0 for the most preferred prefix; <see cref="Prefixes"/>.Length for any other name.</summary>
    public static int Rank(string name)
    {
        for (var i = 0; i < Prefixes.Length; i++)
        {
            if (name.StartsWith(Prefixes[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Prefixes.Length;
    }
}
