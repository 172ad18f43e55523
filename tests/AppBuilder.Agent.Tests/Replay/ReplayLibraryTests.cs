using AppBuilder.Agent.Replay;

namespace AppBuilder.Agent.Tests.Replay;

public sealed class ReplayLibraryTests
{
    private readonly ReplayLibrary _library = ReplayLibrary.Load(ReplayTestSupport.FastOptions);

    [Theory]
    [InlineData("build me a todo app")]
    [InlineData("Build me a TODO app!!")]
    [InlineData("  todo   app ")]
    [InlineData("a todo list.")]
    public void Match_AliasAfterNormalising_FindsTodoRecording(string prompt)
    {
        _library.Match(prompt)!.Id.Should().Be("todo-app");
    }

    [Theory]
    [InlineData("can you create a todo list app with dark mode?", "todo-app")]
    [InlineData("I need a to-do app for my tasks", "todo-app")]
    [InlineData("Make a website for my coffee shop please", "landing-page")]
    [InlineData("landing page for a cafe in Lisbon", "landing-page")]
    public void Match_CloseVariant_FindsRecordingByKeywords(string prompt, string expectedId)
    {
        _library.Match(prompt)!.Id.Should().Be(expectedId);
    }

    [Theory]
    [InlineData("build a chess game")]
    [InlineData("build me a chat app")]
    [InlineData("a landing page for my startup")]
    [InlineData("")]
    public void Match_UnrelatedPrompt_ReturnsNull(string prompt)
    {
        _library.Match(prompt).Should().BeNull();
    }

    [Fact]
    public void Available_ListsTitlesPromptsAndFollowUps()
    {
        var todo = _library.Available.Single(r => r.Id == "todo-app");

        todo.Title.Should().Be("Todo app");
        todo.Prompts[0].Should().Be("build me a todo app");
        todo.FollowUps.Should().Equal("add a filter for completed todos");
        _library.Available.Select(r => r.Id).Should().Contain("landing-page");
    }

    [Fact]
    public void Load_DirectoryRecording_IsAddedBesideBuiltIns()
    {
        var dir = Directory.CreateTempSubdirectory("appbuilder-replay-").FullName;
        try
        {
            using (var file = File.Create(Path.Combine(dir, "kanban.json")))
            {
                ReplayFormat.Write(file, ReplayTestSupport.TwoTurnRecording());
            }

            var library = ReplayLibrary.Load(new ReplayChatOptions { Directory = dir });

            library.Match("kanban app")!.Metadata.Title.Should().Be("Kanban board");
            library.Recordings.Should().HaveCount(ReplayLibrary.LoadBuiltIn().Count + 1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_InvalidFile_ThrowsNamingTheFileAndProblem()
    {
        var dir = Directory.CreateTempSubdirectory("appbuilder-replay-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "broken.json"), """{ "format": "appbuilder-replay/1", "metadata": { "title": "x" }, "prompts": [], "turns": [] }""");

            var act = () => ReplayLibrary.Load(new ReplayChatOptions { Directory = dir, IncludeBuiltIn = false });

            act.Should().Throw<AppBuilderException>()
                .Where(e => e.ErrorCode == "invalid_recording" && e.Message.Contains("broken") && e.Message.Contains("prompts"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingTheSetting()
    {
        var act = () => ReplayLibrary.Load(new ReplayChatOptions { Directory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) });

        act.Should().Throw<AppBuilderException>().WithMessage("*ReplayDirectory*");
    }
}
