using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class JsonLinesFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static List<string> Split(string content) =>
        JsonLinesFile.SplitCompleteLines(Encoding.UTF8.GetBytes(content)).Select(l => Encoding.UTF8.GetString(l.Span)).ToList();

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a" })]
    [InlineData("a\n\nb\n", new[] { "a", "b" })]
    [InlineData("torn", new string[0])]
    public void SplitCompleteLines_KeepsOnlyTerminatedLines(string content, string[] expected)
    {
        Split(content).Should().Equal(expected);
    }

    [Fact]
    public async Task AppendLine_TornTailLongerThanOneChunk_IsCutOff()
    {
        var path = Path.Combine(_folder.Path, "f.jsonl");
        await File.WriteAllTextAsync(path, "first\n" + new string('x', 20_000));

        var discarded = await JsonLinesFile.AppendLineAsync(path, Encoding.UTF8.GetBytes("second"), default);

        discarded.Should().BeTrue();
        (await File.ReadAllTextAsync(path)).Should().Be("first\nsecond\n");
    }

    [Fact]
    public async Task AppendLine_CleanFile_DiscardsNothing()
    {
        var path = Path.Combine(_folder.Path, "f.jsonl");

        (await JsonLinesFile.AppendLineAsync(path, Encoding.UTF8.GetBytes("one"), default)).Should().BeFalse();
        (await JsonLinesFile.AppendLineAsync(path, Encoding.UTF8.GetBytes("two"), default)).Should().BeFalse();

        (await File.ReadAllTextAsync(path)).Should().Be("one\ntwo\n");
    }
}
