using AppBuilder.Agent.Tests.Support;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class ViewToolTests
{
    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"line {i}\n"));

    [Fact]
    public async Task View_WholeFile_ReturnsNumberedLines()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "a\nb\n");

        var outcome = await tools.InvokeAsync("view", new { file_path = "src/App.tsx" });

        outcome.Text.Should().Be("src/App.tsx (2 lines)\n     1\ta\n     2\tb\n");
    }

    [Fact]
    public async Task View_LineRanges_ReturnsOnlyThoseLines()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("big.ts", Lines(100));

        var outcome = await tools.InvokeAsync("view", new { file_path = "big.ts", lines = "3-4, 98-200" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Be(
            "big.ts (100 lines)\n     3\tline 3\n     4\tline 4\n   ...\n    98\tline 98\n    99\tline 99\n   100\tline 100\n");
    }

    [Fact]
    public async Task View_RangeAfterTheEnd_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.ts", Lines(5));

        var outcome = await tools.InvokeAsync("view", new { file_path = "a.ts", lines = "10-20" });

        outcome.Text.Should().StartWith("Error: line range '10-20' starts after the end of the file, which has 5 lines");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0-3")]
    [InlineData("5-2")]
    public async Task View_MalformedLines_ReturnsToolError(string lines)
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.ts", Lines(10));

        var outcome = await tools.InvokeAsync("view", new { file_path = "a.ts", lines });

        outcome.IsError.Should().BeTrue();
    }

    [Fact]
    public async Task View_LargeFile_StopsAtTheSizeCapAndSaysHowToContinue()
    {
        await using var tools = await ToolHarness.CreateAsync(o => o.ViewMaxChars = 1_000);
        tools.Files.Seed("big.ts", Lines(500));

        var outcome = await tools.InvokeAsync("view", new { file_path = "big.ts" });

        outcome.IsError.Should().BeFalse();
        outcome.Text.Length.Should().BeLessThan(1_200);
        outcome.Text.Should().MatchRegex(@"\[output stops at line \d+ because it reached 1000 characters; view the rest with lines=""\d+-500""\]");
    }

    [Fact]
    public async Task View_Folder_ListsFilesWithoutNodeModulesContent()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "x");
        tools.Files.Seed("src/lib/util.ts", "yy");
        tools.Files.Seed("node_modules/react/index.js", "z");

        var root = await tools.InvokeAsync("view", new { file_path = "." });
        var src = await tools.InvokeAsync("view", new { file_path = "src" });

        root.Text.Should().Contain("src/App.tsx  (1 bytes)").And.Contain("src/lib/util.ts  (2 bytes)").And.NotContain("react/index.js");
        src.Text.Should().StartWith("src/ holds 2 files");
    }

    [Fact]
    public async Task View_MissingFile_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("view", new { file_path = "src/Nope.tsx" });

        outcome.Text.Should().StartWith("Error: 'src/Nope.tsx' does not exist.");
    }

    [Fact]
    public async Task View_BinaryFile_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("logo.png", new byte[] { 0x89, 0x50, 0x00, 0x01 });

        var outcome = await tools.InvokeAsync("view", new { file_path = "logo.png" });

        outcome.Text.Should().StartWith("Error: 'logo.png' looks like a binary file");
    }
}
