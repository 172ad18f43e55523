using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Retention;
using AppBuilder.Storage.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Storage.Tests.Retention;

public sealed class SnapshotRetentionServiceTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Service_AfterOneInterval_AppliesRetentionToEveryProject()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new FileSnapshotStore(TestStores.Options(_root.Path), time);
        for (var i = 0; i < 3; i++)
        {
            await store.PersistAsync("p1", [new SnapshotFile("a.txt", Encoding.UTF8.GetBytes($"v{i}"))]);
        }

        var options = new SnapshotRetentionOptions { Interval = TimeSpan.FromMinutes(10), KeepLast = 1, KeepFor = null };
        using var service = new SnapshotRetentionService(store, Microsoft.Extensions.Options.Options.Create(options), time,
            NullLogger<SnapshotRetentionService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.TimerStarted.WaitAsync(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50);
        (await store.ListAsync("p1")).Should().HaveCount(3, "the first run waits one interval");
        time.Advance(TimeSpan.FromMinutes(1));
        while ((await store.ListAsync("p1")).Count > 1)
        {
            await Task.Delay(10).WaitAsync(TimeSpan.FromSeconds(30));
        }

        await service.StopAsync(CancellationToken.None);
        (await store.ListAsync("p1")).Select(c => c.Number).Should().Equal(3);
    }

    [Fact]
    public async Task RunOnce_CollectorFails_LogsAndReturnsNull()
    {
        var time = new FakeTimeProvider();
        var store = new FileSnapshotStore(TestStores.Options(_root.Path), time);
        using var service = new SnapshotRetentionService(store, Microsoft.Extensions.Options.Options.Create(new SnapshotRetentionOptions()), time,
            NullLogger<SnapshotRetentionService>.Instance);

        (await service.RunOnceAsync(new FailingCollector(), new SnapshotRetention(1, null, TimeSpan.FromHours(1)), CancellationToken.None))
            .Should().BeNull();
    }

    [Theory]
    [InlineData(0, null, 60)]
    [InlineData(null, -1, 60)]
    [InlineData(null, null, 0)]
    public void Validator_BadValues_FailWithTheKeyName(int? keepLast, int? keepForDays, int graceSeconds)
    {
        var options = new SnapshotRetentionOptions
        {
            KeepLast = keepLast,
            KeepFor = keepForDays is { } d ? TimeSpan.FromDays(d) : null,
            BlobGracePeriod = TimeSpan.FromSeconds(graceSeconds),
        };

        var result = new SnapshotRetentionOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("AppBuilder:Storage:Retention:");
    }

    [Fact]
    public void Validator_Defaults_Succeed()
    {
        new SnapshotRetentionOptionsValidator().Validate(null, new SnapshotRetentionOptions()).Succeeded.Should().BeTrue();
    }

    private sealed class FailingCollector : ISnapshotCollector
    {
        public Task<SnapshotCollection> CollectAsync(SnapshotRetention retention, CancellationToken cancellationToken = default) =>
            throw new AppBuilderException("storage down", "storage_error");

        public Task<SnapshotCollection> CollectAsync(string projectId, SnapshotRetention retention, CancellationToken cancellationToken = default) =>
            throw new AppBuilderException("storage down", "storage_error");
    }
}
