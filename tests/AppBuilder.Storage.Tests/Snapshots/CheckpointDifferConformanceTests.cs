using AppBuilder.Storage.S3;
using AppBuilder.Storage.Tests.S3;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing;
using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.Prerequisites;
using AppBuilder.Testing.S3;

namespace AppBuilder.Storage.Tests.Snapshots;

/// <summary>The file store diffs from its manifests.</summary>
public sealed class FileCheckpointDifferConformanceTests : CheckpointDifferConformanceTests
{
    private readonly TempFolder _root = new();

    protected override Task<(ISnapshotStore Store, ICheckpointDiffer Differ)> CreateAsync()
    {
        var store = TestStores.Snapshots(_root.Path);
        return Task.FromResult<(ISnapshotStore, ICheckpointDiffer)>((store, CheckpointDiffers.For(store)));
    }

    protected override Task DisposeStoreAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Any other store gets the differ that restores both sides.</summary>
public sealed class RestoringCheckpointDifferConformanceTests : CheckpointDifferConformanceTests
{
    protected override Task<(ISnapshotStore Store, ICheckpointDiffer Differ)> CreateAsync()
    {
        var store = new InMemorySnapshotStore();
        return Task.FromResult<(ISnapshotStore, ICheckpointDiffer)>((store, CheckpointDiffers.For(store)));
    }
}

/// <summary>The S3 store diffs from its manifests.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3CheckpointDifferConformanceTests(S3rverFixture s3) : CheckpointDifferConformanceTests
{
    private S3SnapshotStore? _store;

    /// <summary>s3rver runs on Node.</summary>
    public static Prerequisite Prerequisites => Prerequisite.Node;

    protected override Task<(ISnapshotStore Store, ICheckpointDiffer Differ)> CreateAsync()
    {
        _store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(S3TestOptions.For(s3)));
        return Task.FromResult<(ISnapshotStore, ICheckpointDiffer)>((_store, CheckpointDiffers.For(_store)));
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

/// <summary>The file store collects its own checkpoints and blobs.</summary>
public sealed class FileSnapshotCollectorConformanceTests : SnapshotCollectorConformanceTests
{
    private readonly TempFolder _root = new();

    protected override Task<(ISnapshotStore Store, ISnapshotCollector Collector)> CreateAsync()
    {
        var store = new AppBuilder.Storage.FileSystem.FileSnapshotStore(TestStores.Options(_root.Path), Time);
        return Task.FromResult<(ISnapshotStore, ISnapshotCollector)>((store, store));
    }

    protected override Task DisposeStoreAsync(IReadOnlyList<string> projectIds)
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The S3 store collects its own checkpoints and blobs.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3SnapshotCollectorConformanceTests(S3rverFixture s3) : SnapshotCollectorConformanceTests
{
    private readonly S3SnapshotOptions _options = S3TestOptions.For(s3);
    private S3SnapshotStore? _store;

    /// <summary>s3rver runs on Node.</summary>
    public static Prerequisite Prerequisites => Prerequisite.Node;

    protected override Task<(ISnapshotStore Store, ISnapshotCollector Collector)> CreateAsync()
    {
        _store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(_options), Time);
        return Task.FromResult<(ISnapshotStore, ISnapshotCollector)>((_store, _store));
    }

    protected override async Task DisposeStoreAsync(IReadOnlyList<string> projectIds)
    {
        _store?.Dispose();
        // Clean-up goes through a store on the system clock: the test's store retries on the fake clock, which only
        // moves when a test advances it, so one transient s3rver error during clean-up would wait forever.
        using var cleanup = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(_options));
        foreach (var id in projectIds)
        {
            await cleanup.DeleteAsync(id);
        }
    }
}
