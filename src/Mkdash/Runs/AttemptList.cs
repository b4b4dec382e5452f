namespace Mkdash.Runs;

/// <summary>All attempts of a case, in file order, and which one is current.</summary>
/// <param name="Current">The attempt whose note starts with in_progress_, else the last; null when empty.</param>
internal sealed record AttemptList(IReadOnlyList<Attempt> Attempts, Attempt? Current);
