using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class LineReplaceToolTests
{
    private const string App = "import './index.css';\n\nexport default function App() {\n  return <h1>Hi</h1>;\n}\n";

    [Fact]
    public async Task LineReplace_MatchingSearch_ReplacesTheLines()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", App);

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "src/App.tsx",
            search = "  return <h1>Hi</h1>;",
            first_replaced_line = 4,
            last_replaced_line = 4,
            replace = "  return (\n    <h1 className=\"text-2xl\">Hello</h1>\n  );",
        });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().StartWith("Replaced lines 4-4 of src/App.tsx with 3 line(s); the file now has 7 lines.");
        tools.Files.GetText("src/App.tsx").Should().Be(
            "import './index.css';\n\nexport default function App() {\n  return (\n    <h1 className=\"text-2xl\">Hello</h1>\n  );\n}\n");
        tools.Events.OfType<FileChangedEvent>().Should().ContainSingle();
    }

    [Fact]
    public async Task LineReplace_SearchDiffersOnlyInIndentation_StillReplaces()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", App);

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "src/App.tsx", search = "return <h1>Hi</h1>;   ", first_replaced_line = 4, last_replaced_line = 4, replace = "  return null;",
        });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Files.GetText("src/App.tsx").Should().Contain("  return null;\n");
    }

    [Fact]
    public async Task LineReplace_StaleSearch_ReturnsErrorWithCurrentLinesAndChangesNothing()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", App);

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "src/App.tsx", search = "  return <h2>Old</h2>;", first_replaced_line = 4, last_replaced_line = 4, replace = "x",
        });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Contain("does not match lines 4-4 of src/App.tsx").And.Contain("     4\t  return <h1>Hi</h1>;");
        tools.Files.GetText("src/App.tsx").Should().Be(App);
        tools.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task LineReplace_RangeBeyondTheFile_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", App);

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "src/App.tsx", search = "}", first_replaced_line = 5, last_replaced_line = 9, replace = "",
        });

        outcome.Text.Should().StartWith("Error: src/App.tsx has 5 lines, so lines 5-9 do not exist.");
    }

    [Fact]
    public async Task LineReplace_EllipsisInSearch_MatchesFirstAndLastLines()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", App);

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "src/App.tsx",
            search = "export default function App() {\n...\n}",
            first_replaced_line = 3,
            last_replaced_line = 5,
            replace = "export default () => null;",
        });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Files.GetText("src/App.tsx").Should().Be("import './index.css';\n\nexport default () => null;\n");
    }

    [Fact]
    public async Task LineReplace_EmptyReplace_DeletesTheLines()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.txt", "one\ntwo\nthree\n");

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "a.txt", search = "two", first_replaced_line = 2, last_replaced_line = 2, replace = "",
        });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Files.GetText("a.txt").Should().Be("one\nthree\n");
    }

    [Fact]
    public async Task LineReplace_CrlfFile_KeepsCrlf()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.txt", "one\r\ntwo\r\n");

        await tools.InvokeAsync("line_replace", new { file_path = "a.txt", search = "two", first_replaced_line = 2, last_replaced_line = 2, replace = "2\n3" });

        tools.Files.GetText("a.txt").Should().Be("one\r\n2\r\n3\r\n");
    }

    [Fact]
    public async Task LineReplace_LineNumberNotAnInteger_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.txt", "one\n");

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "a.txt", search = "one", first_replaced_line = "first", last_replaced_line = 1, replace = "x",
        });

        outcome.Text.Should().Be("Error: argument 'first_replaced_line' must be an integer, but it is a string.");
        tools.Files.GetText("a.txt").Should().Be("one\n");
    }

    [Fact]
    public async Task LineReplace_LineNumbersAsNumericStrings_AreAccepted()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.txt", "one\n");

        var outcome = await tools.InvokeAsync("line_replace", new
        {
            file_path = "a.txt", search = "one", first_replaced_line = "1", last_replaced_line = "1", replace = "uno",
        });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Files.GetText("a.txt").Should().Be("uno\n");
    }
}
