using System.Diagnostics;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// Runs the web editor client's own unit tests (vitest: SSE parsing, the chat model, safe markdown, the file tree,
/// hub payloads) so they count in the solution's test run.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ClientAppTests
{
    [RequiresFact(Prerequisite.Node)]
    public async Task ClientUnitTests_Pass()
    {
        // Building the sample runs `npm ci`, so node_modules (with vitest) is there.
        await WebHostProcess.EnsureBuiltAsync();
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Path.Combine(WebHostProcess.SampleDirectory, "ClientApp"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "test", "--", "--reporter=dot" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["CI"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, $"the client's vitest suite must pass:\n{await stdout}\n{await stderr}");
        (await stdout).Should().MatchRegex(@"Tests\s+\d+ passed", "vitest reports the tests it ran");
    }
}
