using System.Runtime.Versioning;
using AppBuilder.Internal;

namespace AppBuilder.Storage.Tests.Shared;

/// <summary>The shared write-temp-then-rename helper (src/Shared/AtomicFile.cs).</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("appbuilder-atomic-").FullName;

    [Fact]
    public async Task WriteAsync_MissingFolder_CreatesItAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_root, "a", "b", "file.json");

        await AtomicFile.WriteAsync(path, "{}"u8.ToArray(), CancellationToken.None);
        await AtomicFile.WriteAsync(path, "[1]"u8.ToArray(), CancellationToken.None);

        (await File.ReadAllTextAsync(path)).Should().Be("[1]");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public async Task TryCreateAsync_FileExists_ReturnsFalseAndKeepsIt()
    {
        var path = Path.Combine(_root, "manifest.json");
        (await AtomicFile.TryCreateAsync(path, "first"u8.ToArray(), CancellationToken.None)).Should().BeTrue();

        var second = await AtomicFile.TryCreateAsync(path, "second"u8.ToArray(), CancellationToken.None);

        second.Should().BeFalse();
        (await File.ReadAllTextAsync(path)).Should().Be("first");
        Directory.GetFiles(_root).Should().Equal(path);
    }

    [Fact]
    [SupportedOSPlatform("linux")] // Unix file modes; the suite runs on Linux.
    public async Task ReplaceAsync_ExecutableFile_KeepsItsModeAndUsesTheGivenTemporaryName()
    {
        var path = Path.Combine(_root, "run.sh");
        await File.WriteAllTextAsync(path, "#!/bin/sh\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(path, mode);

        await AtomicFile.ReplaceAsync(path, Path.Combine(_root, ".~custom-temp"), "#!/bin/sh\necho hi\n"u8.ToArray(), CancellationToken.None);

        File.GetUnixFileMode(path).Should().Be(mode);
        (await File.ReadAllTextAsync(path)).Should().EndWith("echo hi\n");
        Directory.GetFiles(_root).Should().Equal(path);
    }

    [Fact]
    public async Task WriteAsync_Cancelled_LeavesTheOldFileAndNoTemporaryFile()
    {
        var path = Path.Combine(_root, "project.json");
        await AtomicFile.WriteAsync(path, "old"u8.ToArray(), CancellationToken.None);

        var act = () => AtomicFile.WriteAsync(path, new byte[1024], new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await File.ReadAllTextAsync(path)).Should().Be("old");
        Directory.GetFiles(_root).Should().Equal(path);
    }

    [Fact]
    public void Write_Synchronous_ReplacesTheFile()
    {
        var path = Path.Combine(_root, "recording.json");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, "new"u8);

        File.ReadAllText(path).Should().Be("new");
        Directory.GetFiles(_root).Should().Equal(path);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
