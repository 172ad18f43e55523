using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class WriteToolTests
{
    [Fact]
    public async Task Write_NewFile_CreatesItAndEmitsCreated()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("write", new { file_path = "src/components/Header.tsx", content = "export const A = 1;\n" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Contain("Created src/components/Header.tsx");
        tools.Files.GetText("src/components/Header.tsx").Should().Be("export const A = 1;\n");
        tools.Events.OfType<FileChangedEvent>().Should().ContainSingle()
            .Which.Should().Be(new FileChangedEvent("src/components/Header.tsx", FileChangeKind.Created) { Timestamp = tools.Events[0].Timestamp });
    }

    [Fact]
    public async Task Write_ExistingFile_ReplacesItAndEmitsChanged()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "old");

        var outcome = await tools.InvokeAsync("write", new { file_path = "./src//App.tsx", content = "new" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Files.GetText("src/App.tsx").Should().Be("new");
        tools.Events.OfType<FileChangedEvent>().Single().Kind.Should().Be(FileChangeKind.Changed);
    }

    [Fact]
    public async Task Write_PathIsFolder_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "x");

        var outcome = await tools.InvokeAsync("write", new { file_path = "src", content = "new" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().StartWith("Error: 'src' is a folder");
    }

    [Fact]
    public async Task Write_MissingContent_ReturnsToolErrorNamingTheArgument()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("write", new { file_path = "a.txt" });

        outcome.Text.Should().Be("Error: the required argument 'content' (string) is missing.");
        tools.Files.GetText("a.txt").Should().BeNull();
    }

    [Fact]
    public async Task Write_ContentOfWrongType_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("write", new { file_path = "a.txt", content = new[] { 1, 2 } });

        outcome.Text.Should().Be("Error: argument 'content' must be a string, but it is an array.");
    }
}
