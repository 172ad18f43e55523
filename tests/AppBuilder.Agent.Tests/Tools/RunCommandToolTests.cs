using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class RunCommandToolTests
{
    [Fact]
    public async Task RunCommand_Argv_RunsItAndReturnsOutput()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.SucceedWith("ok: no type errors\n");

        var outcome = await tools.InvokeAsync("run_command", new { command = new[] { "npx", "tsc", "--noEmit" } });

        outcome.Text.Should().Be("`npx tsc --noEmit` exited with code 0.\nstdout:\nok: no type errors");
        var spec = tools.Sandbox.ProcessTable.Commands.Single();
        spec.Command.Should().Equal("npx", "tsc", "--noEmit");
        spec.Timeout.Should().Be(TimeSpan.FromMinutes(2));
        tools.Events.OfType<TerminalOutputEvent>().Single().Source.Should().Be("npx tsc --noEmit");
    }

    [Fact]
    public async Task RunCommand_NonZeroExit_ReturnsToolErrorWithStderr()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.Handler = (_, _) =>
            Task.FromResult(new ProcessResult(2, "", "src/App.tsx(3,1): error TS2304\n", false, false, TimeSpan.Zero));

        var outcome = await tools.InvokeAsync("run_command", new { command = new[] { "npx", "tsc" } });

        outcome.Text.Should().Be("Error: `npx tsc` exited with code 2.\nstderr:\nsrc/App.tsx(3,1): error TS2304");
    }

    [Fact]
    public async Task RunCommand_TimeoutPasses_ReturnsToolError()
    {
        var time = new FakeTimeProvider();
        await using var tools = await ToolHarness.CreateAsync(timeProvider: time);
        tools.Sandbox.ProcessTable.Handler = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

        var call = tools.InvokeAsync("run_command", new { command = new[] { "sleep", "100" }, timeout_seconds = 5 });
        while (tools.Sandbox.ProcessTable.Commands.Count == 0)
        {
            await Task.Yield();
        }

        time.Advance(TimeSpan.FromSeconds(6));
        var outcome = await call;

        outcome.Text.Should().StartWith("Error: `sleep 100` was stopped after its 5-second timeout.");
        tools.Sandbox.ProcessTable.Commands.Single().Timeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunCommand_TimeoutAboveMaximum_IsClamped()
    {
        await using var tools = await ToolHarness.CreateAsync(o => o.CommandMaxTimeout = TimeSpan.FromMinutes(3));
        tools.Sandbox.ProcessTable.SucceedWith();

        await tools.InvokeAsync("run_command", new { command = new[] { "ls" }, timeout_seconds = 100_000 });

        tools.Sandbox.ProcessTable.Commands.Single().Timeout.Should().Be(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task RunCommand_LongOutput_IsCappedKeepingHeadAndTail()
    {
        await using var tools = await ToolHarness.CreateAsync(o => o.CommandOutputMaxChars = 1_000);
        var output = "HEAD" + new string('x', 3_000) + "TAIL";
        tools.Sandbox.ProcessTable.SucceedWith(output);

        var outcome = await tools.InvokeAsync("run_command", new { command = new[] { "cat", "big.txt" } });

        outcome.Text.Length.Should().BeLessThan(1_200);
        outcome.Text.Should().Contain("HEAD").And.Contain("TAIL").And.Contain("characters omitted");
    }

    [Fact]
    public async Task RunCommand_ShellString_ReturnsToolErrorSuggestingArgv()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("run_command", new { command = new[] { "npm run build && rm -rf /" } });

        outcome.Text.Should().StartWith("Error: 'command' is an argument list, not a shell string");
        tools.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }

    [Theory]
    [InlineData("npm run build")]
    [InlineData(42)]
    public async Task RunCommand_CommandNotAnArray_ReturnsToolError(object command)
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("run_command", new { command });

        outcome.Text.Should().Be("Error: argument 'command' must be an array, but it is " + (command is string ? "a string." : "a number."));
        tools.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task RunCommand_EmptyArray_ReturnsToolError()
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("run_command", new { command = Array.Empty<string>() });

        outcome.Text.Should().StartWith("Error: 'command' must start with the program to run");
    }
}
