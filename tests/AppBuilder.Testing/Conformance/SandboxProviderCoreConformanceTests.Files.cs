using System.Threading.Channels;
using AppBuilder.Sandboxes;

namespace AppBuilder.Testing.Conformance;

public abstract partial class SandboxProviderCoreConformanceTests
{
    [ConformanceFact]
    public async Task Write_ThenRead_ReturnsSameBytesAndCreatesParents()
    {
        var sandbox = await CreateSandboxAsync();
        var bytes = new byte[] { 0, 1, 2, 255, 254, 10, 13 };

        await sandbox.Files.WriteAsync("deep/er/file.bin", bytes, Timeout);

        (await sandbox.Files.ReadAsync("deep/er/file.bin", Timeout)).Should().Equal(bytes);
        var folder = await sandbox.Files.GetEntryAsync("deep/er", Timeout);
        folder.Should().NotBeNull();
        folder!.IsDirectory.Should().BeTrue();
    }

    [ConformanceFact]
    public async Task Write_ExistingFile_ReplacesContent()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("a.txt", "a much longer first version", Timeout);

        await sandbox.Files.WriteTextAsync("./a.txt", "short", Timeout);

        (await sandbox.Files.ReadTextAsync("a.txt", Timeout)).Should().Be("short");
        (await sandbox.Files.ListAsync("", cancellationToken: Timeout)).Select(e => e.Path).Should().Equal("a.txt");
    }

    [ConformanceFact]
    public async Task Read_MissingFile_ThrowsFileNotFound()
    {
        var sandbox = await CreateSandboxAsync();

        var act = () => sandbox.Files.ReadAsync("missing/nothing.txt", Timeout);

        await act.Should().ThrowAsync<FileNotFoundException>();
    }

    [ConformanceFact]
    public async Task GetEntry_FileFolderAndNothing_DescribesEach()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("src/app.ts", "12345", Timeout);

        var file = await sandbox.Files.GetEntryAsync("src/app.ts", Timeout);
        var folder = await sandbox.Files.GetEntryAsync("src", Timeout);
        var nothing = await sandbox.Files.GetEntryAsync("src/none.ts", Timeout);

        file.Should().BeEquivalentTo(new { Path = "src/app.ts", IsDirectory = false, Size = 5L });
        folder.Should().BeEquivalentTo(new { Path = "src", IsDirectory = true });
        nothing.Should().BeNull();
    }

    [ConformanceFact]
    public async Task List_NonRecursiveAndRecursive_ReturnsSortedNormalisedPaths()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("b.txt", "b", Timeout);
        await sandbox.Files.WriteTextAsync("a/z.txt", "z", Timeout);
        await sandbox.Files.WriteTextAsync("a/c/d.txt", "d", Timeout);

        var top = await sandbox.Files.ListAsync("", cancellationToken: Timeout);
        var all = await sandbox.Files.ListAsync("", recursive: true, cancellationToken: Timeout);
        var sub = await sandbox.Files.ListAsync("a", cancellationToken: Timeout);

        top.Select(e => e.Path).Should().Equal("a", "b.txt");
        all.Select(e => e.Path).Should().Equal("a", "a/c", "a/c/d.txt", "a/z.txt", "b.txt");
        all.Single(e => e.Path == "a/c").IsDirectory.Should().BeTrue();
        sub.Select(e => e.Path).Should().Equal("a/c", "a/z.txt");
    }

    [ConformanceFact]
    public async Task List_WithExclude_DoesNotDescendIntoExcludedFolders()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("node_modules/pkg/index.js", "x", Timeout);
        await sandbox.Files.WriteTextAsync("src/node_modules/deep.js", "x", Timeout);
        await sandbox.Files.WriteTextAsync("src/main.ts", "x", Timeout);

        var all = await sandbox.Files.ListAsync("", recursive: true, ["node_modules"], Timeout);

        all.Select(e => e.Path).Should().NotContain(p => p.Contains("node_modules/", StringComparison.Ordinal));
        all.Select(e => e.Path).Should().Contain("src/main.ts");
    }

    [ConformanceFact]
    public async Task List_MissingFolder_ThrowsDirectoryNotFound()
    {
        var sandbox = await CreateSandboxAsync();

        var act = () => sandbox.Files.ListAsync("nope", cancellationToken: Timeout);

        await act.Should().ThrowAsync<DirectoryNotFoundException>();
    }

    [ConformanceFact]
    public async Task Move_File_RenamesItAndCreatesDestinationFolder()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("a.txt", "A", Timeout);

        await sandbox.Files.MoveAsync("a.txt", "moved/b.txt", cancellationToken: Timeout);

        (await sandbox.Files.ExistsAsync("a.txt", Timeout)).Should().BeFalse();
        (await sandbox.Files.ReadTextAsync("moved/b.txt", Timeout)).Should().Be("A");
    }

    [ConformanceFact]
    public async Task Move_OntoExistingWithoutOverwrite_ThrowsAndKeepsBoth()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("a.txt", "A", Timeout);
        await sandbox.Files.WriteTextAsync("b.txt", "B", Timeout);

        var act = () => sandbox.Files.MoveAsync("a.txt", "b.txt", cancellationToken: Timeout);

        await act.Should().ThrowAsync<IOException>();
        (await sandbox.Files.ReadTextAsync("a.txt", Timeout)).Should().Be("A");
        (await sandbox.Files.ReadTextAsync("b.txt", Timeout)).Should().Be("B");
    }

    [ConformanceFact]
    public async Task Move_OntoExistingWithOverwrite_ReplacesDestination()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("a.txt", "A", Timeout);
        await sandbox.Files.WriteTextAsync("b.txt", "B", Timeout);

        await sandbox.Files.MoveAsync("a.txt", "b.txt", overwrite: true, Timeout);

        (await sandbox.Files.ExistsAsync("a.txt", Timeout)).Should().BeFalse();
        (await sandbox.Files.ReadTextAsync("b.txt", Timeout)).Should().Be("A");
    }

    [ConformanceFact]
    public async Task Move_Folder_MovesEverythingInside()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("old/x/1.txt", "1", Timeout);

        await sandbox.Files.MoveAsync("old", "new", cancellationToken: Timeout);

        (await sandbox.Files.ReadTextAsync("new/x/1.txt", Timeout)).Should().Be("1");
        (await sandbox.Files.ExistsAsync("old", Timeout)).Should().BeFalse();
    }

    [ConformanceFact]
    public async Task Move_MissingSource_ThrowsFileNotFound()
    {
        var sandbox = await CreateSandboxAsync();

        var act = () => sandbox.Files.MoveAsync("none.txt", "other.txt", cancellationToken: Timeout);

        await act.Should().ThrowAsync<FileNotFoundException>();
    }

    [ConformanceFact]
    public async Task Remove_FileFolderAndNothing_ReportsWhatWasRemoved()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("f.txt", "f", Timeout);
        await sandbox.Files.WriteTextAsync("dir/sub/g.txt", "g", Timeout);

        (await sandbox.Files.RemoveAsync("f.txt", Timeout)).Should().BeTrue();
        (await sandbox.Files.RemoveAsync("dir", Timeout)).Should().BeTrue();
        (await sandbox.Files.RemoveAsync("f.txt", Timeout)).Should().BeFalse();

        (await sandbox.Files.ListAsync("", recursive: true, cancellationToken: Timeout)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Watch_WriteRenameDelete_ReportsNormalisedChangesAndSkipsExcluded()
    {
        var sandbox = await CreateSandboxAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        var changes = Channel.CreateUnbounded<FileChange>();
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in sandbox.Files.WatchAsync(["node_modules"], stop.Token))
                {
                    await changes.Writer.WriteAsync(change, stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, stop.Token);

        // The watcher starts asynchronously: write a probe until it is seen.
        await WaitForChangeAsync(changes.Reader, c => c.Path == "probe.txt",
            () => sandbox.Files.WriteTextAsync("probe.txt", DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), Timeout));

        await sandbox.Files.WriteTextAsync("node_modules/ignored.js", "x", Timeout);
        await sandbox.Files.WriteTextAsync("src/new.ts", "x", Timeout);
        var created = await WaitForChangeAsync(changes.Reader, c => c.Path == "src/new.ts");
        await sandbox.Files.MoveAsync("src/new.ts", "src/renamed.ts", cancellationToken: Timeout);
        var renamed = await WaitForChangeAsync(changes.Reader, c => c.Path == "src/renamed.ts");
        await sandbox.Files.RemoveAsync("src/renamed.ts", Timeout);
        var deleted = await WaitForChangeAsync(changes.Reader, c => c.Path == "src/renamed.ts" && c.Kind == FileChangeKind.Deleted);
        await stop.CancelAsync();
        await watching;

        created.Seen.Kind.Should().BeOneOf(FileChangeKind.Created, FileChangeKind.Changed);
        renamed.Seen.Should().Be(new FileChange("src/renamed.ts", FileChangeKind.Renamed, "src/new.ts"));
        deleted.Seen.Kind.Should().Be(FileChangeKind.Deleted);
        created.Before.Concat(renamed.Before).Concat(deleted.Before)
            .Should().NotContain(c => c.Path.StartsWith("node_modules", StringComparison.Ordinal));
    }

    private async Task<(FileChange Seen, List<FileChange> Before)> WaitForChangeAsync(ChannelReader<FileChange> reader,
        Func<FileChange, bool> match, Func<Task>? poke = null)
    {
        var before = new List<FileChange>();
        while (true)
        {
            if (poke is not null)
            {
                await poke();
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
            if (poke is not null)
            {
                wait.CancelAfter(TimeSpan.FromMilliseconds(300));
            }

            try
            {
                while (true)
                {
                    var change = await reader.ReadAsync(wait.Token);
                    if (match(change))
                    {
                        return (change, before);
                    }

                    before.Add(change);
                }
            }
            catch (OperationCanceledException) when (!Timeout.IsCancellationRequested)
            {
                // No match yet: poke again.
            }
        }
    }
}
