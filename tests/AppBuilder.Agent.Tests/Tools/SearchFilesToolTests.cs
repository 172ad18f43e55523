using AppBuilder.Agent.Tests.Support;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class SearchFilesToolTests
{
    private static async Task<ToolHarness> SeededAsync(Action<AgentOptions>? configure = null)
    {
        var tools = await ToolHarness.CreateAsync(configure);
        tools.Files.Seed("src/App.tsx", "import { useState } from 'react';\nconst [n, setN] = useState(0);\n");
        tools.Files.Seed("src/components/Button.tsx", "export function Button() { return <button className=\"bg-blue-500\" />; }\n");
        tools.Files.Seed("src/components/Button.test.tsx", "useState in a test\n");
        tools.Files.Seed("src/index.css", "@import \"tailwindcss\";\n");
        tools.Files.Seed("node_modules/react/index.js", "useState everywhere\n");
        tools.Files.Seed("dist/assets/app.js", "useState bundled\n");
        tools.Files.Seed(".git/HEAD", "useState\n");
        return tools;
    }

    [Fact]
    public async Task SearchFiles_Regex_ListsMatchingLinesOutsideSkippedFolders()
    {
        await using var tools = await SeededAsync();

        var outcome = await tools.InvokeAsync("search_files", new { query = @"useState\(" });

        outcome.Text.Should().Be("src/App.tsx:2: const [n, setN] = useState(0);\n");
    }

    [Fact]
    public async Task SearchFiles_IncludeAndExcludeGlobs_NarrowTheFiles()
    {
        await using var tools = await SeededAsync();

        var all = await tools.InvokeAsync("search_files", new { query = "usestate", include_pattern = "*.tsx" });
        var noTests = await tools.InvokeAsync("search_files", new { query = "usestate", include_pattern = "src/**/*.tsx", exclude_pattern = "*.test.tsx" });

        all.Text.Should().Contain("src/App.tsx:1:").And.Contain("src/components/Button.test.tsx:1:").And.NotContain("node_modules");
        noTests.Text.Should().Contain("src/App.tsx:1:").And.NotContain("Button.test.tsx");
    }

    [Fact]
    public async Task SearchFiles_CaseSensitive_RespectsCase()
    {
        await using var tools = await SeededAsync();

        var outcome = await tools.InvokeAsync("search_files", new { query = "USESTATE", case_sensitive = true });

        outcome.Text.Should().StartWith("No matches for /USESTATE/ in 4 files searched.");
    }

    [Fact]
    public async Task SearchFiles_InvalidRegex_ReturnsToolError()
    {
        await using var tools = await SeededAsync();

        var outcome = await tools.InvokeAsync("search_files", new { query = "(unclosed" });

        outcome.Text.Should().StartWith("Error: 'query' is not a valid regular expression:");
    }

    [Fact]
    public async Task SearchFiles_ManyMatches_StopsAtTheCap()
    {
        await using var tools = await ToolHarness.CreateAsync(o => o.SearchMaxResults = 3);
        tools.Files.Seed("a.txt", string.Concat(Enumerable.Repeat("hit\n", 10)));

        var outcome = await tools.InvokeAsync("search_files", new { query = "hit" });

        outcome.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);
        outcome.Text.Should().Contain("[stopped after 3 matches;");
    }

    [Fact]
    public async Task SearchFiles_CatastrophicRegex_TimesOutAsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync(o => o.SearchRegexTimeout = TimeSpan.FromMilliseconds(1));
        tools.Files.Seed("a.txt", new string('a', 40) + "!\n");

        var outcome = await tools.InvokeAsync("search_files", new { query = "^(a+)+$" });

        outcome.Text.Should().StartWith("Error: the regular expression took too long on a.txt line 1");
    }

    [Fact]
    public async Task SearchFiles_SkipsBinaryFiles()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Files.Seed("img.png", new byte[] { (byte)'h', (byte)'i', 0, 1 });
        tools.Files.Seed("a.txt", "hi\n");

        var outcome = await tools.InvokeAsync("search_files", new { query = "hi" });

        outcome.Text.Should().Be("a.txt:1: hi\n");
    }
}
