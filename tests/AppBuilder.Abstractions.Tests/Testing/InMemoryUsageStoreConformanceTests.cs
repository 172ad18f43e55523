using AppBuilder.Storage;
using AppBuilder.Testing;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Abstractions.Tests.Testing;

/// <summary>The in-memory usage store that other tests stand on behaves as the <see cref="IUsageStore"/> contract says.</summary>
public sealed class InMemoryUsageStoreConformanceTests : UsageStoreConformanceTests
{
    protected override Task<IUsageStore> CreateStoreAsync() => Task.FromResult<IUsageStore>(new InMemoryUsageStore());
}
