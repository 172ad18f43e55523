using AppBuilder.Storage.S3;
using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.S3;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Storage.Tests.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3SnapshotStoreConformanceTests(S3rverFixture s3) : SnapshotStoreConformanceTests
{
    private S3SnapshotStore? _store;

    /// <summary>s3rver runs on Node and is installed with npm: without them the suite is skipped (failed in CI).</summary>
    public static Prerequisite Prerequisites => Prerequisite.Node;

    protected override Task<ISnapshotStore> CreateStoreAsync()
    {
        _store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(S3TestOptions.For(s3)));
        return Task.FromResult<ISnapshotStore>(_store);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_store is not null)
        {
            await _store.DeleteAsync(ProjectId);
            _store.Dispose();
        }
    }
}
