using System.Net;
using System.Net.Sockets;
using System.Text;
using AppBuilder.Storage.S3;
using AppBuilder.Testing.S3;
using AppBuilder.Storage.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Storage.Tests.S3;

/// <summary>S3 going away: each test runs its own s3rver (so stopping it disturbs no other test) and stops it by PID.</summary>
public sealed class S3SnapshotStoreOutageTests : IAsyncLifetime
{
    private readonly S3rverFixture _s3 = new();
    private readonly TempFolder _root = new();

    public Task InitializeAsync() => _s3.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _s3.DisposeAsync();
        _root.Dispose();
    }

    private static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    private ServiceProvider BuildServices(string prefix) =>
        new ServiceCollection()
            .AddAppBuilderCore()
            .AddFileStorage(o => o.Root = _root.Path)
            .AddS3Snapshots(o =>
            {
                var s3 = S3TestOptions.For(_s3, prefix);
                o.ServiceUrl = s3.ServiceUrl;
                o.Bucket = s3.Bucket;
                o.AccessKey = s3.AccessKey;
                o.SecretKey = s3.SecretKey;
                o.ForcePathStyle = true;
                o.Prefix = prefix;
                o.MaxRetries = 1;
            })
            .Services.BuildServiceProvider();

    [RequiresFact(Prerequisite.Node)]
    public async Task S3Stopped_PersistFailsWithStorageError_ProjectRecordsAndEarlierCheckpointsSurvive()
    {
        const string prefix = "outage/";
        var project = new ProjectRecord { Id = "p1", OwnerId = "alice", Title = "App" };
        string stoppedUrl;
        using (var services = BuildServices(prefix))
        {
            var projects = services.GetRequiredService<IProjectStore>();
            var snapshots = services.GetRequiredService<ISnapshotStore>();
            await projects.CreateAsync(project);
            await snapshots.PersistAsync("p1", [Text("src/App.tsx", "v1")]);
            stoppedUrl = _s3.ServiceUrl;
            var pid = _s3.ProcessId;

            await _s3.StopAsync();
            var act = () => snapshots.PersistAsync("p1", [Text("src/App.tsx", "v2")]);

            pid.Should().NotBeNull();
            ProcessIsGone(pid!.Value).Should().BeTrue("the fixture stops s3rver by its process handle");
            var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
            error.ErrorCode.Should().Be("storage_error");
            error.Message.Should().Contain("Could not save a checkpoint of project 'p1'")
                .And.Contain("Earlier checkpoints are unchanged")
                .And.NotContain(stoppedUrl).And.NotContain("S3RVER");
            (await projects.GetAsync("p1")).Should().Be(project);
            _root.Files().Should().Equal("projects/p1/project.json");
        }

        await _s3.StartAsync();
        using (var services = BuildServices(prefix))
        {
            var snapshots = services.GetRequiredService<ISnapshotStore>();

            (await snapshots.ListAsync("p1")).Select(i => i.Number).Should().Equal(1);
            Encoding.UTF8.GetString((await snapshots.RestoreAsync("p1"))!.Single().Content.Span).Should().Be("v1");
            (await snapshots.PersistAsync("p1", [Text("src/App.tsx", "v2")])).Number.Should().Be(2);
        }
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task NothingListening_EveryOperationFailsWithStorageError()
    {
        var options = S3TestOptions.For(_s3);
        options.ServiceUrl = $"http://127.0.0.1:{UnusedPort()}";
        options.MaxRetries = 0;
        using var store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(options));
        var attempts = new List<Func<Task>>
        {
            () => store.PersistAsync("p1", [Text("a.txt", "a")]),
            () => store.ListAsync("p1"),
            () => store.RestoreAsync("p1"),
            () => store.DeleteAsync("p1"),
        };

        foreach (var attempt in attempts)
        {
            var error = (await attempt.Should().ThrowAsync<AppBuilderException>()).Which;
            error.ErrorCode.Should().Be("storage_error");
            error.Message.Should().Contain("'p1'").And.Contain("unavailable");
        }
    }

    private static bool ProcessIsGone(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
