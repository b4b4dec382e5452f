namespace Mkdash.Roots;

/// <summary>A pipeline run root: one folder the runner writes progress.json, runs/ and TSVs into.</summary>
/// <param name="Name">The folder's name, also the runner log's name in the log dir.</param>
/// <param name="Path">Absolute, symlinks resolved.</param>
/// <param name="Source">How it was chosen: query, option or auto.</param>
internal sealed record RunRoot(string Name, string Path, string Source);
