using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileSnapshotStoreConformanceTests : SnapshotStoreConformanceTests
{
    private readonly TempFolder _root = new();

    protected override Task<ISnapshotStore> CreateStoreAsync() => Task.FromResult<ISnapshotStore>(TestStores.Snapshots(_root.Path));

    protected override Task DisposeStoreAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
