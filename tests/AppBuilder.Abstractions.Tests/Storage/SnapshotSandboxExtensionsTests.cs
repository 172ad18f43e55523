using AppBuilder.Sandboxes;
using System.Text;
using AppBuilder.Storage;
using AppBuilder.Testing;

namespace AppBuilder.Abstractions.Tests.Storage;

public sealed class SnapshotSandboxExtensionsTests
{
    [Fact]
    public async Task PersistSandbox_SkipsExcludedFolders_AndRestoreWritesFilesBack()
    {
        var source = new InMemorySandbox("p1");
        await source.Files.WriteAsync("src/App.tsx", Encoding.UTF8.GetBytes("export default 1"));
        await source.Files.WriteAsync("node_modules/react/index.js", Encoding.UTF8.GetBytes("module"));
        await source.Files.WriteAsync("dist/index.html", Encoding.UTF8.GetBytes("<html>"));
        var store = new RecordingSnapshotStore();

        var info = await store.PersistSandboxAsync("p1", source, "first");

        info.FileCount.Should().Be(1);
        store.Persisted.Select(f => f.Path).Should().Equal("src/App.tsx");

        var target = new InMemorySandbox("p1");
        (await store.RestoreToSandboxAsync("p1", target)).Should().BeTrue();
        Encoding.UTF8.GetString(await target.Files.ReadAsync("src/App.tsx")).Should().Be("export default 1");
        (await store.RestoreToSandboxAsync("other", target)).Should().BeFalse();
    }

    [Fact]
    public async Task PersistSandbox_AppBuilderIgnore_LeavesMatchingFilesOutButKeepsTheIgnoreFile()
    {
        var source = new InMemorySandbox("p1");
        await source.Files.WriteAsync("src/App.tsx", Encoding.UTF8.GetBytes("export default 1"));
        await source.Files.WriteAsync("src/debug.log", Encoding.UTF8.GetBytes("noise"));
        await source.Files.WriteAsync(".env.local", Encoding.UTF8.GetBytes("KEY=1"));
        await source.Files.WriteAsync("data/big/cache.bin", Encoding.UTF8.GetBytes("x"));
        await source.Files.WriteAsync("data/seed.json", Encoding.UTF8.GetBytes("[]"));
        await source.Files.WriteAsync(".appbuilderignore", Encoding.UTF8.GetBytes("*.log\n/.env.local\ndata/*\n!data/seed.json\n"));
        var store = new RecordingSnapshotStore();

        await store.PersistSandboxAsync("p1", source);

        store.Persisted.Select(f => f.Path).Should().BeEquivalentTo(".appbuilderignore", "data/seed.json", "src/App.tsx");
    }

    [Fact]
    public async Task PersistSandbox_IgnoreFileTooLarge_ThrowsAClearErrorAndStoresNothing()
    {
        var source = new InMemorySandbox("p1");
        await source.Files.WriteAsync(".appbuilderignore", new byte[CheckpointIgnoreRules.MaxFileBytes + 1]);
        var store = new RecordingSnapshotStore();

        var act = () => store.PersistSandboxAsync("p1", source);

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("invalid_ignore_file");
        store.Persisted.Should().BeEmpty();
    }

    [Fact]
    public async Task PersistSandbox_FileVanishesAfterListing_PersistsTheOtherFiles()
    {
        var inner = new InMemorySandbox("p1");
        await inner.Files.WriteAsync("src/App.tsx", Encoding.UTF8.GetBytes("export default 1"));
        await inner.Files.WriteAsync("vite.config.ts.timestamp-1.mjs", Encoding.UTF8.GetBytes("temporary"));
        var sandbox = new VanishingSandbox(inner, "vite.config.ts.timestamp-1.mjs");
        var store = new RecordingSnapshotStore();

        var info = await store.PersistSandboxAsync("p1", sandbox, "turn");

        info.FileCount.Should().Be(1);
        store.Persisted.Select(f => f.Path).Should().Equal("src/App.tsx");
    }

    /// <summary>A sandbox where one file is deleted right after a listing shows it (a tool or Vite removing a temporary file).</summary>
    private sealed class VanishingSandbox(InMemorySandbox inner, string vanishing) : ISandbox, ISandboxFileSystem
    {
        public string Id => inner.Id;

        public string ProjectId => inner.ProjectId;

        public SandboxState State => inner.State;

        public ISandboxFileSystem Files => this;

        public ISandboxProcesses Processes => inner.Processes;

        public DateTimeOffset LeaseExpiresAt => inner.LeaseExpiresAt;

        public Task RenewLeaseAsync(TimeSpan duration, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(duration, cancellationToken);

        public Task<int> ReservePortAsync(int preferredPort, CancellationToken cancellationToken = default) =>
            inner.ReservePortAsync(preferredPort, cancellationToken);

        public Task<Uri> GetPortUrlAsync(int port, CancellationToken cancellationToken = default) => inner.GetPortUrlAsync(port, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) => inner.Files.ReadAsync(path, cancellationToken);

        public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
            inner.Files.WriteAsync(path, content, cancellationToken);

        public Task<SandboxFileEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default) =>
            inner.Files.GetEntryAsync(path, cancellationToken);

        public async Task<IReadOnlyList<SandboxFileEntry>> ListAsync(string path = "", bool recursive = false,
            IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default)
        {
            var entries = await inner.Files.ListAsync(path, recursive, exclude, cancellationToken);
            await inner.Files.RemoveAsync(vanishing, cancellationToken);
            return entries;
        }

        public Task<bool> RemoveAsync(string path, CancellationToken cancellationToken = default) => inner.Files.RemoveAsync(path, cancellationToken);

        public Task MoveAsync(string sourcePath, string destinationPath, bool overwrite = false, CancellationToken cancellationToken = default) =>
            inner.Files.MoveAsync(sourcePath, destinationPath, overwrite, cancellationToken);

        public IAsyncEnumerable<FileChange> WatchAsync(IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default) =>
            inner.Files.WatchAsync(exclude, cancellationToken);
    }

    private sealed class RecordingSnapshotStore : ISnapshotStore
    {
        public List<SnapshotFile> Persisted { get; } = [];

        public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null,
            CancellationToken cancellationToken = default)
        {
            Persisted.AddRange(files);
            return Task.FromResult(new SnapshotInfo(projectId, 1, DateTimeOffset.UtcNow, files.Count,
                files.Sum(f => (long)f.Content.Length), files.Count, label));
        }

        public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SnapshotInfo>>([]);

        public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SnapshotFile>?>(projectId == "p1" ? Persisted : null);

        public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
