using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using AppBuilder.Storage.S3;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.Faults;
using AppBuilder.Testing.Prerequisites;
using AppBuilder.Testing.S3;
using Microsoft.Extensions.Logging.Testing;

namespace AppBuilder.Storage.Tests.S3;

/// <summary>
/// S3 failing 30% of requests, injected at the HTTP level under the AWS SDK (500 InternalError, 503 SlowDown, refused
/// connections, answers lost after the server acted, hangs until the attempt's timeout) on a seeded schedule, so every
/// run fails the same requests.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3SnapshotStoreFaultTests(S3rverFixture s3) : IDisposable
{
    private const double FaultRate = 0.3;
    private readonly FaultInjectingHandler _handler = new();
    private readonly FakeLogger _log = new();
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _handler.Dispose();
    }

    private S3SnapshotOptions Options(int maxRetries) => Tune(S3TestOptions.For(s3), maxRetries);

    private static S3SnapshotOptions Tune(S3SnapshotOptions options, int maxRetries)
    {
        options.MaxRetries = maxRetries;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.Timeout = TimeSpan.FromSeconds(1);
        return options;
    }

    private S3SnapshotStore Store(S3SnapshotOptions options, HttpMessageHandler handler)
    {
        var store = new S3SnapshotStore(options, S3SnapshotStore.CreateClient(options, new HandlerHttpClientFactory(handler)),
            ownsClient: true, null, _log);
        _disposables.Add(store);
        return store;
    }

    private static List<SnapshotFile> Version(int version, int files) =>
        Enumerable.Range(0, files)
            .Select(i => new SnapshotFile($"src/file{i:00}.ts",
                Encoding.UTF8.GetBytes(i == 0 ? $"export const version = {version};" : $"export const f{i} = {i};")))
            .ToList();

    private static string Fingerprint(IEnumerable<SnapshotFile> files) =>
        string.Join("\n", files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => f.Path + "=" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Content.Span))));

    [RequiresTheory(Prerequisite.Node)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ThirtyPercentFaults_PersistsAndRestoresSucceedThroughRetries(int seed)
    {
        _handler.Schedule = new FaultSchedule(seed, FaultRate);
        var store = Store(Options(maxRetries: 10), _handler);

        for (var version = 1; version <= 3; version++)
        {
            var files = Version(version, files: 30);
            var info = await store.PersistAsync("p1", files, $"v{version}");
            var restored = await store.RestoreAsync("p1");

            info.Number.Should().Be(version);
            Fingerprint(restored!).Should().Be(Fingerprint(files));
        }

        (await store.ListAsync("p1")).Select(i => i.Label).Should().Equal("v1", "v2", "v3");
        _handler.InjectedCount.Should().BeGreaterThan(10, "about 30% of some 200 requests fail");
        _handler.Injected.Keys.Should().Contain([HttpFault.InternalError, HttpFault.SlowDown, HttpFault.ConnectionRefused,
            HttpFault.ResponseLost, HttpFault.Timeout]);
        var retries = _log.Collector.GetSnapshot().Where(r => r.Id.Id == 4500).ToList();
        retries.Should().HaveCountGreaterThanOrEqualTo(_handler.InjectedCount,
            "every injected fault is retried and logged (a request slower than the attempt timeout on a busy machine is too)");
        retries.Should().Contain(r => r.Message.Contains("HTTP 503 SlowDown", StringComparison.Ordinal))
            .And.Contain(r => r.Message.Contains("timed out after 1 s", StringComparison.Ordinal));
    }

    [RequiresTheory(Prerequisite.Node)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task RetriesRunOut_PersistFailsWithClearError_NoPartialCheckpointIsEverVisible(int seed)
    {
        const int attempts = 14;
        var options = Options(maxRetries: 1);
        _handler.Schedule = new FaultSchedule(seed, FaultRate);
        var writer = Store(options, _handler);
        // A reader with its own client and no faults, through another host name for the same server: another
        // process's view (its own lock), restoring the latest checkpoint all the while the writer's persists fail.
        var readerOptions = Tune(S3TestOptions.For(s3, options.Prefix), maxRetries: 3);
        readerOptions.ServiceUrl = $"http://localhost:{s3.Port}";
        using var readerHandler = new FaultInjectingHandler();
        var reader = Store(readerOptions, readerHandler);

        var attempted = Enumerable.Range(1, attempts).ToDictionary(v => Fingerprint(Version(v, files: 8)), v => v);
        var stored = new Dictionary<int, int>(); // checkpoint number -> version, for the persists that succeeded
        var failures = 0;
        var seenByReader = new ConcurrentBag<int>();
        using var done = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var files = await reader.RestoreAsync("p1");
                if (files is not null)
                {
                    attempted.Should().ContainKey(Fingerprint(files), "a restore sees only whole checkpoints");
                    seenByReader.Add(attempted[Fingerprint(files)]);
                }
            }
        });

        for (var version = 1; version <= attempts; version++)
        {
            try
            {
                var info = await writer.PersistAsync("p1", Version(version, files: 8), $"v{version}");
                stored[info.Number] = version;
            }
            catch (AppBuilderException error)
            {
                failures++;
                error.ErrorCode.Should().Be("storage_error");
                error.Message.Should().StartWith("Could not save a checkpoint of project 'p1': the snapshot storage is unavailable (2 attempts failed, the last: ")
                    .And.EndWith("). Earlier checkpoints are unchanged.")
                    .And.NotContain(s3.Port.ToString(CultureInfo.InvariantCulture)).And.NotContain("127.0.0.1")
                    .And.NotContain(s3.AccessKey).And.NotContain("injected");
            }
        }

        await done.CancelAsync();
        await reading;

        failures.Should().BeGreaterThan(0, "with one retry, 30% faults make some persists fail");
        stored.Should().NotBeEmpty("with one retry, 30% faults let some persists through");
        var listed = await reader.ListAsync("p1");
        listed.Select(i => i.Number).Should().BeInAscendingOrder().And.Contain(stored.Keys, "no completed checkpoint is lost");
        foreach (var checkpoint in listed)
        {
            var files = await reader.RestoreAsync("p1", checkpoint.Number);
            attempted.Should().ContainKey(Fingerprint(files!), "every listed checkpoint is whole");
            var version = attempted[Fingerprint(files!)];
            checkpoint.Label.Should().Be($"v{version}");
            if (stored.TryGetValue(checkpoint.Number, out var expected))
            {
                version.Should().Be(expected);
            }
        }
    }
}
