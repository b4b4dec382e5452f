using Mkdash.Files;
using Mkdash.Runs;

namespace Mkdash.Snapshots;

/// <summary>The current case (progress.json's last_case) and its attempts.</summary>
/// <param name="Name">The args file name, e.g. add_go2_args.txt.</param>
/// <param name="Folder">Its folder under runs/, e.g. add_go2_args.</param>
internal sealed record CaseView(string Name, string? Folder, ParsedFile<AttemptList> Attempts);
