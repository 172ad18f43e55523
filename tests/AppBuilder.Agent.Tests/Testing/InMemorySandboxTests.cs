using System.Text;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Testing;

/// <summary>The shared in-memory sandbox behaves like the <see cref="ISandbox"/> contract says.</summary>
public sealed class InMemorySandboxTests
{
    [Fact]
    public async Task Files_WriteReadAndEntries_RoundTrip()
    {
        var files = new InMemorySandbox().Files;

        await files.WriteTextAsync("src/components/A.tsx", "a");

        (await files.ReadTextAsync("./src/components/A.tsx")).Should().Be("a");
        (await files.GetEntryAsync("src/components"))!.IsDirectory.Should().BeTrue();
        (await files.GetEntryAsync("src/components/A.tsx"))!.Size.Should().Be(1);
        (await files.GetEntryAsync("nope")).Should().BeNull();
        await files.Invoking(f => f.ReadAsync("nope.ts")).Should().ThrowAsync<FileNotFoundException>();
        await files.Invoking(f => f.WriteAsync("src/components/A.tsx/x", Encoding.UTF8.GetBytes("x"))).Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task Files_List_IsSortedAndDoesNotDescendIntoExcludedFolders()
    {
        var sandbox = new InMemorySandbox();
        sandbox.FileSystem.Seed("src/b.ts", "b");
        sandbox.FileSystem.Seed("src/a.ts", "a");
        sandbox.FileSystem.Seed("node_modules/react/index.js", "r");
        sandbox.FileSystem.Seed("index.html", "h");

        var recursive = await sandbox.Files.ListAsync("", recursive: true, exclude: ["node_modules"]);
        var top = await sandbox.Files.ListAsync();

        recursive.Select(e => e.Path).Should().Equal("index.html", "node_modules", "src", "src/a.ts", "src/b.ts");
        top.Select(e => e.Path).Should().Equal("index.html", "node_modules", "src");
        await sandbox.Files.Invoking(f => f.ListAsync("missing")).Should().ThrowAsync<DirectoryNotFoundException>();
    }

    [Fact]
    public async Task Files_MoveAndRemoveFolders_CarryTheirContent()
    {
        var sandbox = new InMemorySandbox();
        sandbox.FileSystem.Seed("a/x.ts", "x");
        sandbox.FileSystem.Seed("a/b/y.ts", "y");
        sandbox.FileSystem.Seed("c.ts", "c");

        await sandbox.Files.MoveAsync("a", "moved/a");
        var refused = () => sandbox.Files.MoveAsync("c.ts", "moved/a/x.ts");

        await refused.Should().ThrowAsync<IOException>();
        sandbox.FileSystem.Snapshot().Files.Keys.Should().BeEquivalentTo("moved/a/x.ts", "moved/a/b/y.ts", "c.ts");
        (await sandbox.Files.RemoveAsync("moved")).Should().BeTrue();
        (await sandbox.Files.RemoveAsync("moved")).Should().BeFalse();
        sandbox.FileSystem.Snapshot().Folders.Should().BeEmpty();
    }

    [Fact]
    public async Task Files_Watch_StreamsChangesExceptExcludedFolders()
    {
        var sandbox = new InMemorySandbox();
        using var cancellation = new CancellationTokenSource();
        var seen = new List<FileChange>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in sandbox.Files.WatchAsync(["node_modules"], cancellation.Token))
            {
                seen.Add(change);
                if (seen.Count == 4)
                {
                    return;
                }
            }
        });
        while (sandbox.FileSystem.WatcherCount == 0)
        {
            await Task.Yield();
        }

        await sandbox.Files.WriteTextAsync("a.ts", "1");
        await sandbox.Files.WriteTextAsync("node_modules/x.js", "ignored");
        await sandbox.Files.WriteTextAsync("a.ts", "2");
        await sandbox.Files.MoveAsync("a.ts", "b.ts");
        await sandbox.Files.RemoveAsync("b.ts");
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        seen.Should().Equal(
            new FileChange("a.ts", FileChangeKind.Created),
            new FileChange("a.ts", FileChangeKind.Changed),
            new FileChange("b.ts", FileChangeKind.Renamed, "a.ts"),
            new FileChange("b.ts", FileChangeKind.Deleted));
    }

    [Fact]
    public async Task Files_EscapingLink_ThrowsSandboxPathException()
    {
        var sandbox = new InMemorySandbox();
        sandbox.FileSystem.AddEscapingLink("public/out");

        await sandbox.Files.Invoking(f => f.WriteTextAsync("public/out/x", "x")).Should().ThrowAsync<SandboxPathException>();
        await sandbox.Files.Invoking(f => f.ReadAsync("../etc/passwd")).Should().ThrowAsync<SandboxPathException>();
    }

    [Fact]
    public async Task Processes_TimeoutPasses_ReturnsTimedOutResult()
    {
        var time = new FakeTimeProvider();
        var sandbox = new InMemorySandbox(timeProvider: time);
        sandbox.ProcessTable.Handler = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null!;
        };

        var run = sandbox.Processes.RunAsync(new ProcessSpec { Command = ["sleep", "9"], Timeout = TimeSpan.FromSeconds(3) });
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await run;

        (result.TimedOut, result.ExitCode, result.Succeeded).Should().Be((true, -1, false));
        sandbox.ProcessTable.Commands.Single().Command.Should().Equal("sleep", "9");
    }

    [Fact]
    public async Task Processes_OutputOverTheCap_IsTruncated()
    {
        var sandbox = new InMemorySandbox();
        sandbox.ProcessTable.SucceedWith(new string('x', 100));

        var result = await sandbox.Processes.RunAsync(new ProcessSpec { Command = ["cat"], MaxOutputBytes = 10 });

        (result.StandardOutput, result.OutputTruncated).Should().Be(("xxxxxxxxxx", true));
    }

    [Fact]
    public async Task Processes_Background_StreamsOutputAndExits()
    {
        var sandbox = new InMemorySandbox();
        sandbox.ProcessTable.SucceedWith("ready in 120 ms\nlocal: http://127.0.0.1:5173/\n");

        await using var process = await sandbox.Processes.StartAsync(ProcessSpec.Of("npx", "vite"));
        var exitCode = await process.WaitForExitAsync();
        var lines = new List<string>();
        await foreach (var line in process.ReadOutputAsync())
        {
            lines.Add(line.Text);
        }

        exitCode.Should().Be(0);
        lines.Should().Equal("ready in 120 ms", "local: http://127.0.0.1:5173/");
    }

    [Fact]
    public async Task Processes_NoHandler_AnswersCommandNotFound()
    {
        var sandbox = new InMemorySandbox();

        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("npm", "install"));

        (result.ExitCode, result.StandardError).Should().Be((127, "npm: command not found (no handler scripted)\n"));
    }
}
