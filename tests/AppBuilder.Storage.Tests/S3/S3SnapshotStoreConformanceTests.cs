using AppBuilder.Storage.S3;
using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.S3;

namespace AppBuilder.Storage.Tests.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3SnapshotStoreConformanceTests(S3rverFixture s3) : SnapshotStoreConformanceTests
{
    private S3SnapshotStore? _store;

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
