using AppBuilder.Storage;
using AppBuilder.Testing;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Abstractions.Tests.Testing;

/// <summary>The in-memory project store that other tests stand on behaves as the <see cref="IProjectStore"/> contract says.</summary>
public sealed class InMemoryProjectStoreConformanceTests : ProjectStoreConformanceTests
{
    protected override Task<IProjectStore> CreateStoreAsync() => Task.FromResult<IProjectStore>(new InMemoryProjectStore());
}
