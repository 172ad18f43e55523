using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class DependencyToolTests
{
    [Fact]
    public async Task AddDependency_ValidSpec_RunsNpmInstallAsArgv()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.SucceedWith("added 1 package in 2s\n");

        var outcome = await tools.InvokeAsync("add_dependency", new { package = "date-fns@^3.6.0" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().StartWith("Installed date-fns@^3.6.0.").And.Contain("added 1 package");
        tools.Sandbox.ProcessTable.Commands.Should().ContainSingle().Which.Command.Should().Equal("npm", "install", "date-fns@^3.6.0");
        tools.Events.OfType<TerminalOutputEvent>().Should().ContainSingle()
            .Which.Should().Match<TerminalOutputEvent>(e => e.Source == "npm install" && e.Text.Contains("added 1 package"));
    }

    [Fact]
    public async Task AddDependency_NpmFails_ReturnsToolErrorWithOutput()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.Handler = (_, _) =>
            Task.FromResult(new ProcessResult(1, "", "npm error 404 Not Found - no-such-pkg\n", false, false, TimeSpan.Zero));

        var outcome = await tools.InvokeAsync("add_dependency", new { package = "no-such-pkg" });

        outcome.Text.Should().StartWith("Error: npm install no-such-pkg failed with exit code 1.").And.Contain("404 Not Found");
    }

    [Theory]
    [InlineData("--save")]
    [InlineData("; rm -rf /")]
    [InlineData("git+ssh://git@github.com/a/b.git")]
    [InlineData("../x")]
    [InlineData("file:../x")]
    [InlineData("lodash@file:../x")]
    [InlineData("Lodash")]
    public async Task AddDependency_InvalidSpec_ReturnsToolErrorWithoutStartingAnyProcess(string spec)
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.SucceedWith();

        var outcome = await tools.InvokeAsync("add_dependency", new { package = spec });

        outcome.Text.Should().StartWith("Error: ").And.Contain("is not a valid npm package spec");
        tools.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveDependency_ValidName_RunsNpmUninstall()
    {
        await using var tools = await ToolHarness.CreateAsync();
        tools.Sandbox.ProcessTable.SucceedWith("removed 1 package\n");

        var outcome = await tools.InvokeAsync("remove_dependency", new { package = "@scope/name" });

        outcome.Text.Should().StartWith("Uninstalled @scope/name.");
        tools.Sandbox.ProcessTable.Commands.Single().Command.Should().Equal("npm", "uninstall", "@scope/name");
    }

    [Theory]
    [InlineData("lodash@4")]
    [InlineData("-rf")]
    [InlineData("../../x")]
    public async Task RemoveDependency_InvalidName_ReturnsToolErrorWithoutStartingAnyProcess(string name)
    {
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("remove_dependency", new { package = name });

        outcome.IsError.Should().BeTrue();
        tools.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }
}
