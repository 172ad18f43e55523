using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileProjectStoreConformanceTests : ProjectStoreConformanceTests
{
    private readonly TempFolder _root = new();

    protected override Task<IProjectStore> CreateStoreAsync() => Task.FromResult<IProjectStore>(TestStores.Projects(_root.Path));

    // A second instance over the same root: the per-project locks are shared process-wide.
    protected override Task<IProjectStore> CreateSecondInstanceAsync() => Task.FromResult<IProjectStore>(TestStores.Projects(_root.Path));

    protected override Task DisposeStoreAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
