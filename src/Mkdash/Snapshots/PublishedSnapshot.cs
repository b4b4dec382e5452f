namespace Mkdash.Snapshots;

/// <summary>
/// A snapshot as sent to viewers: serialized once as UTF-8 and written as it is to every viewer, numbered so a
/// viewer knows what it has.
/// </summary>
internal sealed record PublishedSnapshot(long Version, byte[] Utf8Json);
