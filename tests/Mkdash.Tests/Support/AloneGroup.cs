namespace Mkdash.Tests.Support;

/// <summary>Tests that load the machine on purpose: they run after all the others, with nothing beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneGroup
{
    public const string Name = "alone";
}
