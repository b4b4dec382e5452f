namespace Mkdash.Files;

/// <summary>What tells one version of a file from the next without reading it.</summary>
internal readonly record struct FileStamp(long Length, DateTime LastWriteUtc);
