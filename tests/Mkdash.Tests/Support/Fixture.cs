namespace Mkdash.Tests.Support;

/// <summary>Files in Fixtures/: real outputs of the pipeline runner, MimicKit and the monitors.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Join(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));
}
