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
