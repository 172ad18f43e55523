using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileUsageStoreConformanceTests : UsageStoreConformanceTests
{
    private readonly TempFolder _root = new();

    protected override Task<IUsageStore> CreateStoreAsync() => Task.FromResult<IUsageStore>(new FileUsageStore(TestStores.Options(_root.Path)));

    protected override Task<IUsageStore> CreateSecondInstanceAsync() => Task.FromResult<IUsageStore>(new FileUsageStore(TestStores.Options(_root.Path)));

    protected override Task DisposeStoreAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
