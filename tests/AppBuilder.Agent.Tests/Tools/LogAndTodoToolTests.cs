using AppBuilder.Agent.Tests.Support;
using AppBuilder.Logs;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class LogAndTodoToolTests
{
    private static readonly DateTimeOffset At = new(2025, 5, 1, 12, 30, 15, 250, TimeSpan.Zero);

    [Fact]
    public async Task ReadConsoleLogs_ReturnsEntriesMatchingSearch()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Logs.Append(AgentHarness.ProjectId, new ProjectLogEntry(At, ProjectLogKind.Console, "error", "Uncaught TypeError: x is undefined", "browser"));
        tools.Logs.Append(AgentHarness.ProjectId, new ProjectLogEntry(At, ProjectLogKind.Console, "info", "page reload src/App.tsx", "vite"));
        tools.Logs.Append("other-project", new ProjectLogEntry(At, ProjectLogKind.Console, "error", "TypeError elsewhere", "browser"));

        var all = await tools.InvokeAsync("read_console_logs", new { });
        var errors = await tools.InvokeAsync("read_console_logs", new { search = "typeerror" });

        all.Text.Should().Be("2 entries, oldest first:\n12:30:15.250 [error] (browser) Uncaught TypeError: x is undefined\n" +
            "12:30:15.250 [info] (vite) page reload src/App.tsx\n");
        errors.Text.Should().Be("1 entries, oldest first:\n12:30:15.250 [error] (browser) Uncaught TypeError: x is undefined\n");
    }

    [Fact]
    public async Task ReadConsoleLogs_NothingRecorded_SaysSo()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("read_console_logs", new { search = "boom" });

        outcome.Text.Should().Be("No console output has been recorded yet. (searched for 'boom')");
        outcome.IsError.Should().BeFalse();
    }

    [Fact]
    public async Task ReadNetworkRequests_ReadsOnlyNetworkEntries()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Logs.Append(AgentHarness.ProjectId, new ProjectLogEntry(At, ProjectLogKind.Network, "error", "GET /api/todos 500 (12 ms)", "browser"));
        tools.Logs.Append(AgentHarness.ProjectId, new ProjectLogEntry(At, ProjectLogKind.Console, "error", "console only", "browser"));

        var outcome = await tools.InvokeAsync("read_network_requests", new { });

        outcome.Text.Should().Contain("GET /api/todos 500").And.NotContain("console only");
    }

    [Fact]
    public async Task Todos_ReplacesTheListAndReturnsIt()
    {
        await using var tools = await ToolHarness.CreateAsync();

        await tools.InvokeAsync("todos", new { todos = new[] { new { id = "1", content = "Old plan", status = "pending" } } });
        var outcome = await tools.InvokeAsync("todos", new
        {
            todos = new[]
            {
                new { id = "1", content = "Create the layout", status = "done" },
                new { id = "2", content = "Add dark mode", status = "in_progress" },
                new { id = "3", content = "Polish", status = "pending" },
            },
        });

        outcome.Text.Should().Be("Todo list (1/3 done):\n[x] 1. Create the layout (done)\n[~] 2. Add dark mode (in_progress)\n[ ] 3. Polish (pending)\n");
    }

    [Fact]
    public async Task Todos_InvalidStatus_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("todos", new { todos = new[] { new { id = "1", content = "x", status = "finished" } } });

        outcome.Text.Should().Be("Error: todo 1 has status 'finished'; use pending, in_progress or done.");
    }

    [Fact]
    public async Task Todos_MissingContent_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("todos", new { todos = new[] { new { id = "1", status = "done" } } });

        outcome.Text.Should().Be("Error: todo 1 is missing 'content'.");
    }

    [Fact]
    public async Task Todos_ListsAreKeptPerSession()
    {
        await using var first = await ToolHarness.CreateAsync(sessionId: "one");
        var store = first.Tool("todos");
        var second = new AgentToolContext(AgentHarness.ProjectId, "two", first.Sandbox, first.Logs);

        await first.InvokeAsync("todos", new { todos = new[] { new { id = "a", content = "first session", status = "pending" } } });
        var other = await store.InvokeAsync(second.CreateArguments(ToolHarness.ToArguments(new { todos = Array.Empty<object>() })));

        other.Should().Be("The todo list is empty.");
        var again = await first.InvokeAsync("todos", new { todos = new[] { new { id = "a", content = "first session", status = "done" } } });
        again.Text.Should().Contain("first session (done)");
    }
}
