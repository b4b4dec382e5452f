namespace Mkdash.Files;

/// <summary>What a lone <c>\r</c> means in a log.</summary>
internal enum CarriageReturns
{
    /// <summary>A terminal's meaning: the text after it overwrites the line (progress bars).</summary>
    Overwrite,

    /// <summary>A row end, as in MimicKit's <c>log.txt</c>, whose rows end with <c>\r</c> only.</summary>
    LineBreak,
}
