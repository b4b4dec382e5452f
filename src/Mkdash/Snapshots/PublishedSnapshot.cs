namespace Mkdash.Snapshots;

/// <summary>A snapshot as sent to viewers: serialized once, numbered so a viewer knows what it has.</summary>
internal sealed record PublishedSnapshot(long Version, string Json);
