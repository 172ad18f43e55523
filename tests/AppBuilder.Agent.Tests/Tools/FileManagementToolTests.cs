using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class FileManagementToolTests
{
    [Fact]
    public async Task Delete_File_RemovesItAndEmitsDeleted()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/Old.tsx", "x");

        var outcome = await tools.InvokeAsync("delete", new { file_path = "src/Old.tsx" });

        outcome.Text.Should().Be("Deleted src/Old.tsx.");
        tools.Files.GetText("src/Old.tsx").Should().BeNull();
        tools.Events.OfType<FileChangedEvent>().Single().Kind.Should().Be(FileChangeKind.Deleted);
    }

    [Fact]
    public async Task Delete_Folder_RemovesEverythingInIt()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/old/a.ts", "x");
        tools.Files.Seed("src/old/b/c.ts", "y");
        tools.Files.Seed("src/keep.ts", "z");

        var outcome = await tools.InvokeAsync("delete", new { file_path = "src/old" });

        outcome.Text.Should().Be("Deleted folder src/old and everything in it.");
        tools.Files.Snapshot().Files.Keys.Should().Equal("src/keep.ts");
    }

    [Fact]
    public async Task Delete_Missing_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("delete", new { file_path = "nope.ts" });

        outcome.Text.Should().StartWith("Error: 'nope.ts' does not exist.");
    }

    [Fact]
    public async Task Rename_MovesTheFileAndEmitsRenamed()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/A.tsx", "a");

        var outcome = await tools.InvokeAsync("rename", new { original_file_path = "src/A.tsx", new_file_path = "src/components/B.tsx" });

        outcome.Text.Should().Be("Renamed src/A.tsx to src/components/B.tsx.");
        tools.Files.GetText("src/A.tsx").Should().BeNull();
        tools.Files.GetText("src/components/B.tsx").Should().Be("a");
        var change = tools.Events.OfType<FileChangedEvent>().Single();
        (change.Path, change.Kind, change.OldPath).Should().Be(("src/components/B.tsx", FileChangeKind.Renamed, "src/A.tsx"));
    }

    [Fact]
    public async Task Rename_DestinationExists_ReturnsToolErrorAndKeepsBoth()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("a.ts", "a");
        tools.Files.Seed("b.ts", "b");

        var outcome = await tools.InvokeAsync("rename", new { original_file_path = "a.ts", new_file_path = "b.ts" });

        outcome.Text.Should().StartWith("Error: 'b.ts' already exists");
        (tools.Files.GetText("a.ts"), tools.Files.GetText("b.ts")).Should().Be(("a", "b"));
    }

    [Fact]
    public async Task Copy_CopiesBytesAndEmitsCreated()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("public/logo.svg", "<svg/>");

        var outcome = await tools.InvokeAsync("copy", new { source_file_path = "public/logo.svg", destination_file_path = "src/assets/logo.svg" });

        outcome.Text.Should().Be("Copied public/logo.svg to src/assets/logo.svg (6 bytes).");
        tools.Files.GetText("src/assets/logo.svg").Should().Be("<svg/>");
        tools.Files.GetText("public/logo.svg").Should().Be("<svg/>");
        tools.Events.OfType<FileChangedEvent>().Single().Kind.Should().Be(FileChangeKind.Created);
    }

    [Fact]
    public async Task Copy_MissingSource_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("copy", new { source_file_path = "a.ts", destination_file_path = "b.ts" });

        outcome.Text.Should().StartWith("Error: 'a.ts' does not exist.");
    }
}
