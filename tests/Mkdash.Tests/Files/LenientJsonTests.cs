using System.Text;
using System.Text.Json;
using Mkdash.Files;

namespace Mkdash.Tests.Files;

public sealed class LenientJsonTests
{
    [Fact]
    public void Parse_AcceptsPythonNamedNumbers()
    {
        using var document = LenientJson.Parse("""{"a": NaN, "b": Infinity, "c": -Infinity, "d": [NaN]}"""u8);

        var root = document.RootElement;
        Assert.Equal("NaN", root.GetProperty("a").GetString());
        Assert.Equal("Infinity", root.GetProperty("b").GetString());
        Assert.Equal("-Infinity", root.GetProperty("c").GetString());
        Assert.Null(JsonValues.Number(root, "a"));
    }

    [Fact]
    public void Parse_LeavesNamedNumbersInsideStringsAlone()
    {
        using var document = LenientJson.Parse("""{"note": "NaN loss \" Infinity", "x": 1}"""u8);

        Assert.Equal("NaN loss \" Infinity", document.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void Parse_AcceptsBomAndTrailingCommas()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat("{\"done\": 1,}"u8.ToArray()).ToArray();

        using var document = LenientJson.Parse(bytes);

        Assert.Equal(1, document.RootElement.GetProperty("done").GetInt32());
    }

    [Fact]
    public void Parse_OfHalfWrittenJson_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => LenientJson.Parse("{\n  \"done\": 3,\n  \"tot"u8));
    }

    [Fact]
    public void Parse_OfBytesThatAreNotUtf8InAString_ReadsThemAsReplacementCharacters()
    {
        byte[] bytes = [.. "{\"status\": \"ok"u8, 0xC3, 0x28, 0xFF, .. "\", \"done\": 1}"u8];

        using var document = LenientJson.Parse(bytes);

        Assert.Equal("ok\uFFFD(\uFFFD", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("done").GetInt32());
    }
}
