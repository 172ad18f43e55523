using System.Text;
using AppBuilder.Storage;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="ISnapshotCollector"/> must have. Derive once per implementation and return a fresh
/// store (which is its own collector) over <see cref="Time"/> from <see cref="CreateAsync"/>.
/// </summary>
public abstract class SnapshotCollectorConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>The store's clock; it starts at the wall clock, as stored contents carry wall-clock write times.</summary>
    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The store under test.</summary>
    protected ISnapshotStore Store { get; private set; } = null!;

    /// <summary>The collector under test.</summary>
    protected ISnapshotCollector Collector { get; private set; } = null!;

    /// <summary>A project id unique to this test.</summary>
    protected string ProjectId { get; } = "p-" + StorageId.New();

    /// <summary>Returns a new store over <see cref="Time"/> with no data for <see cref="ProjectId"/>, and its collector.</summary>
    protected abstract Task<(ISnapshotStore Store, ISnapshotCollector Collector)> CreateAsync();

    /// <summary>Releases what <see cref="CreateAsync"/> created; delete the data of <paramref name="projectIds"/>.</summary>
    protected virtual Task DisposeStoreAsync(IReadOnlyList<string> projectIds) => Task.CompletedTask;

    private readonly List<string> _projects = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _projects.Add(ProjectId);
        (Store, Collector) = await CreateAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync(_projects);

    private static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    [ConformanceFact]
    public async Task Collect_KeepLast_DeletesOlderCheckpointsAndKeepsTheNewest()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.PersistAsync(ProjectId, [Text("a.txt", $"v{i}")]);
        }

        var result = await Collector.CollectAsync(ProjectId, new SnapshotRetention(2, null, Grace));

        result.CheckpointsDeleted.Should().Be(3);
        (await Store.ListAsync(ProjectId)).Select(c => c.Number).Should().Equal(4, 5);
        (await Store.RestoreAsync(ProjectId, 4))!.Single().Content.ToArray().Should().Equal(Encoding.UTF8.GetBytes("v4"));
    }

    [ConformanceFact]
    public async Task Collect_KeepFor_KeepsYoungCheckpointsEvenBeyondKeepLast()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "old")]);
        Time.Advance(TimeSpan.FromDays(10));
        await Store.PersistAsync(ProjectId, [Text("a.txt", "young1")]);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "young2")]);

        await Collector.CollectAsync(ProjectId, new SnapshotRetention(1, TimeSpan.FromDays(7), Grace));

        (await Store.ListAsync(ProjectId)).Select(c => c.Number).Should().Equal(2, 3);
    }

    [ConformanceFact]
    public async Task Collect_NoLimits_KeepsEveryCheckpoint()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "1")]);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "2")]);
        Time.Advance(TimeSpan.FromDays(400));

        var result = await Collector.CollectAsync(ProjectId, new SnapshotRetention(null, null, Grace));

        result.CheckpointsDeleted.Should().Be(0);
        (await Store.ListAsync(ProjectId)).Should().HaveCount(2);
    }

    [ConformanceFact]
    public async Task Collect_UnreferencedBlob_IsKeptWithinTheGracePeriodAndDeletedAfter()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "first"), Text("shared.txt", "shared")]);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "second"), Text("shared.txt", "shared")]);
        var retention = new SnapshotRetention(1, null, Grace);

        var early = await Collector.CollectAsync(ProjectId, retention);
        Time.Advance(Grace + TimeSpan.FromMinutes(5));
        var late = await Collector.CollectAsync(ProjectId, retention);

        (early.CheckpointsDeleted, early.BlobsDeleted).Should().Be((1, 0));
        (late.BlobsDeleted, late.BytesFreed).Should().Be((1, 5L));
        var files = await Store.RestoreAsync(ProjectId);
        files!.ToDictionary(f => f.Path, f => Encoding.UTF8.GetString(f.Content.Span))
            .Should().Equal(new Dictionary<string, string> { ["a.txt"] = "second", ["shared.txt"] = "shared" });
    }

    [ConformanceFact]
    public async Task Persist_ContentOfADeletedCheckpointAgain_IsStoredAgainAndSurvivesCollection()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "back")]);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "other")]);
        await Collector.CollectAsync(ProjectId, new SnapshotRetention(1, null, Grace));
        Time.Advance(Grace + TimeSpan.FromMinutes(5));

        // "back" is stored but unreferenced and old: the persist writes it again, so a collection now keeps it.
        await Store.PersistAsync(ProjectId, [Text("a.txt", "back")]);
        await Collector.CollectAsync(ProjectId, new SnapshotRetention(1, null, TimeSpan.FromMinutes(30)));

        Encoding.UTF8.GetString((await Store.RestoreAsync(ProjectId))!.Single().Content.Span).Should().Be("back");
    }

    [ConformanceFact]
    public async Task Collect_AllProjects_CleansEveryProject()
    {
        var other = "p-" + StorageId.New();
        _projects.Add(other);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "1")]);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "2")]);
        await Store.PersistAsync(other, [Text("b.txt", "1")]);
        await Store.PersistAsync(other, [Text("b.txt", "2")]);

        var result = await Collector.CollectAsync(new SnapshotRetention(1, null, Grace));

        result.Projects.Should().BeGreaterThanOrEqualTo(2);
        (await Store.ListAsync(ProjectId)).Select(c => c.Number).Should().Equal(2);
        (await Store.ListAsync(other)).Select(c => c.Number).Should().Equal(2);
    }

    [ConformanceFact]
    public async Task Collect_ConcurrentWithPersists_NeverDeletesABlobALiveCheckpointReferences()
    {
        // Grace zero would be refused by the options; here it makes every unreferenced blob collectable at once, so
        // only the store's ordering protects the blobs of persists in flight.
        var retention = new SnapshotRetention(3, null, TimeSpan.Zero);
        var persisted = new System.Collections.Concurrent.ConcurrentDictionary<int, List<SnapshotFile>>();
        using var stop = new CancellationTokenSource();
        var random = new Random(7);
        var contents = Enumerable.Range(0, 6).Select(i => $"content {i} " + new string((char)('a' + i), 200)).ToArray();

        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                // Contents recur across persists, so blobs go unreferenced and come back while the collector runs.
                var files = new List<SnapshotFile>
                {
                    Text("src/App.tsx", contents[(w + i) % contents.Length]),
                    Text("src/writer.txt", $"writer {w}"),
                    Text("src/shared.txt", contents[i % 2]),
                };
                var info = await Store.PersistAsync(ProjectId, files);
                persisted[info.Number] = files;
            }
        })).ToList();
        var collector = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Collector.CollectAsync(ProjectId, retention);
            }
        });

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await collector;
        await Collector.CollectAsync(ProjectId, retention);

        var live = await Store.ListAsync(ProjectId);
        live.Should().HaveCount(3);
        foreach (var checkpoint in live)
        {
            var restored = await Store.RestoreAsync(ProjectId, checkpoint.Number);
            restored!.ToDictionary(f => f.Path, f => f.Content.ToArray()).Should().BeEquivalentTo(
                persisted[checkpoint.Number].ToDictionary(f => f.Path, f => f.Content.ToArray()));
        }
    }
}
