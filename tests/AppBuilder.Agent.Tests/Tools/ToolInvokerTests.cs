using AppBuilder.Agent.Tests.Support;
using AppBuilder.Agent.Tools;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class ToolInvokerTests
{
    [Fact]
    public async Task Invoke_SandboxErrorNamesHostPath_ReturnsTheReasonWithoutThePath()
    {
        await using var harness = await ToolHarness.CreateAsync();
        var tool = AIFunctionFactory.Create(
            string () => throw new UnauthorizedAccessException("Access to the path '/srv/sandboxes/7f3a/project/src/App.tsx' is denied."),
            "write");

        var outcome = await ToolInvoker.InvokeAsync(tool, null, harness.Context, null, 40_000, CancellationToken.None);

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Be("Error: Access to the path '<host path>' is denied.");
    }

    [Theory]
    [InlineData("Could not find file '/var/lib/sandbox/abc/src/main.tsx'.", "Could not find file '<host path>'.")]
    [InlineData("Could not find a part of the path 'C:\\Users\\Build Agent\\sandboxes\\p1\\src'.", "Could not find a part of the path '<host path>'.")]
    [InlineData("No space left on device : /mnt/data/sandboxes/p1/dist/app.js", "No space left on device : <host path>")]
    [InlineData("The network path \\\\fileserver\\share\\p1 was not found.", "The network path <host path> was not found.")]
    [InlineData("Read-only file system: D:/sandboxes/p1/index.html (read/write needed)", "Read-only file system: <host path> (read/write needed)")]
    public void DescribeException_FileSystemErrorWithAbsolutePath_RedactsOnlyThePath(string message, string expected)
    {
        ToolInvoker.DescribeException(new IOException(message), "write").Should().Be(expected);
    }

    [Theory]
    [InlineData("Could not find file 'src/App.tsx'.")]
    [InlineData("Could not copy ./src/a.ts to ~/b.ts: and/or @scope/name is locked.")]
    [InlineData("Fetching https://registry.npmjs.org/@scope/name/-/name-1.0.0.tgz failed.")]
    [InlineData("The project folder '.' is full.")]
    public void DescribeException_FileSystemErrorWithoutHostPath_KeepsTheMessage(string message)
    {
        ToolInvoker.DescribeException(new IOException(message), "write").Should().Be(message);
    }
}
