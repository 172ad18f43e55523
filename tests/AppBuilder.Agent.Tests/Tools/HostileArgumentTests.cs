using AppBuilder.Agent.Tests.Support;
using AppBuilder.Testing;

namespace AppBuilder.Agent.Tests.Tools;

/// <summary>Every path-taking tool refuses hostile paths with an error result and leaves the files untouched.</summary>
public sealed class HostileArgumentTests
{
    private static readonly string[] HostilePaths =
    [
        "../../etc/passwd",
        "/etc/passwd",
        "src/\0x",
        "C:\\x",
        "~/x",
        "src/../../x",
        "..",
        "\\\\server\\share\\x",
    ];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var p in HostilePaths)
        {
            yield return ["write", new { file_path = p, content = "pwned" }];
            yield return ["view", new { file_path = p }];
            yield return ["line_replace", new { file_path = p, search = "a", first_replaced_line = 1, last_replaced_line = 1, replace = "b" }];
            yield return ["delete", new { file_path = p }];
            yield return ["rename", new { original_file_path = "src/App.tsx", new_file_path = p }];
            yield return ["rename", new { original_file_path = p, new_file_path = "src/x.tsx" }];
            yield return ["copy", new { source_file_path = "src/App.tsx", destination_file_path = p }];
            yield return ["copy", new { source_file_path = p, destination_file_path = "src/x.tsx" }];
            yield return ["download_to_repo", new { source_url = "http://127.0.0.1:1/x", target_path = p }];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PathTool_HostilePath_ReturnsToolErrorAndLeavesFilesUntouched(string tool, object arguments)
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "a\n");
        tools.Files.Seed("package.json", "{}");
        var before = tools.Files.Snapshot();

        var outcome = await tools.InvokeAsync(tool, arguments);

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().StartWith("Error: Path '").And.Contain("is not allowed");
        tools.Files.Snapshot().SameAs(before).Should().BeTrue();
        tools.Files.MutationCount.Should().Be(0);
        tools.Events.Should().BeEmpty();
    }

    [Theory]
    [InlineData("write")]
    [InlineData("view")]
    [InlineData("delete")]
    public async Task PathTool_SymlinkEscapingTheSandbox_ReturnsToolErrorFromTheSandbox(string tool)
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "a\n");
        tools.Files.AddEscapingLink("public/link");
        var before = tools.Files.Snapshot();

        var outcome = await tools.InvokeAsync(tool, new { file_path = "public/link/passwd", content = "x" });

        outcome.Text.Should().Be("Error: Path 'public/link/passwd' is not allowed: it resolves outside the project root through a symbolic link.");
        tools.Files.Snapshot().SameAs(before).Should().BeTrue();
    }

    [Fact]
    public async Task SearchFiles_HostileGlob_StaysInsideTheProject()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("src/App.tsx", "secret-in-project\n");

        var outcome = await tools.InvokeAsync("search_files", new { query = "secret", include_pattern = "../../**/*" });

        outcome.IsError.Should().BeFalse();
        outcome.Text.Should().StartWith("No matches");
    }
}
