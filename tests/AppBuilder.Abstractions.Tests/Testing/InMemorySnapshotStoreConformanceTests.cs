using AppBuilder.Storage;
using AppBuilder.Testing;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Abstractions.Tests.Testing;

/// <summary>The in-memory snapshot store that the workspace and host tests stand on behaves as <see cref="ISnapshotStore"/> says.</summary>
public sealed class InMemorySnapshotStoreConformanceTests : SnapshotStoreConformanceTests
{
    protected override Task<ISnapshotStore> CreateStoreAsync() => Task.FromResult<ISnapshotStore>(new InMemorySnapshotStore());
}
