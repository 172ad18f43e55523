using System.Text;
using AppBuilder.Logs;
using AppBuilder.Sandboxes.DevServer;
using AppBuilder.Sandboxes.Local;
using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Sandboxes.Tests.Local;
using Microsoft.Extensions.Logging.Abstractions;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.DevServer;

public sealed class DevServerSupervisorTests : IAsyncLifetime, IDisposable
{
    private static readonly HttpClient Http = new();
    private readonly TestFolder _folder = new("appbuilder-dev-");
    private readonly InMemoryProjectLogStore _logs = new();
    private readonly RecordingListener _listener = new();
    private LocalSandboxProvider _provider = null!;
    private ISandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        _provider = LocalProviders.Create(_folder.Path, LocalProviders.BubblewrapWorks);
        _sandbox = await _provider.CreateAsync(new SandboxCreateOptions { ProjectId = "dev" });
        await _sandbox.Files.WriteTextAsync("index.html", "<div id=\"root\">hello</div>");
        await _sandbox.Files.WriteTextAsync("server.js", TestTemplates.Server);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Start_ServerAnswers_UrlHasBasePathAndLogIsKept()
    {
        await using var supervisor = Create(o => o.PreviewBasePath = "/preview/{projectId}/");

        await supervisor.StartAsync();

        supervisor.Url!.AbsolutePath.Should().Be("/preview/dev/");
        (await Http.GetStringAsync(supervisor.Url)).Should().Contain("hello");
        supervisor.RecentLog().Should().Contain(l => l.Contains("tiny server ready"));
        _logs.Read("dev", ProjectLogKind.Console).Should().Contain(e => e.Source == "vite" && e.Message.Contains("tiny server ready"));
        _listener.Urls.Should().Equal(supervisor.Url);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Process_Killed_IsRestartedAndAnswersAgain()
    {
        await using var supervisor = Create();
        await supervisor.StartAsync();
        var first = supervisor.Process!;

        await first.KillAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (supervisor.Restarts == 0 || supervisor.Process == first || _listener.LastStatus != WorkspaceStatus.Ready)
        {
            await Task.Delay(50, wait.Token);
        }

        supervisor.Restarts.Should().Be(1);
        supervisor.Process!.HasExited.Should().BeFalse();
        (await Http.GetStringAsync(supervisor.Url)).Should().Contain("hello");
        _listener.Statuses.Should().Contain(WorkspaceStatus.Starting);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Process_KeepsCrashing_GivesUpWithError()
    {
        await using var supervisor = Create(o => o.MaxDevServerCrashes = 2);
        await supervisor.StartAsync();
        await _sandbox.Files.WriteTextAsync("server.js", "console.error('boom'); process.exit(3);");

        await supervisor.Process!.KillAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (_listener.LastStatus != WorkspaceStatus.Error)
        {
            await Task.Delay(50, wait.Token);
        }

        supervisor.IsActive.Should().BeFalse();
        supervisor.RecentLog().Should().Contain("boom");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Start_ServerExitsAtOnce_ThrowsWithItsOutput()
    {
        await _sandbox.Files.WriteTextAsync("server.js", "console.error('cannot start'); process.exit(1);");
        await using var supervisor = Create();

        var act = () => supervisor.StartAsync();

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("exited");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Start_CancelledWhileWaitingForAnswer_KillsTheProcess()
    {
        await _sandbox.Files.WriteTextAsync("server.js", "console.log('booting slowly'); setInterval(() => {}, 1000);");
        await using var supervisor = Create();
        using var cancel = new CancellationTokenSource();

        var start = supervisor.StartAsync(cancel.Token);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!supervisor.RecentLog().Contains("booting slowly"))
            {
                await Task.Delay(50, wait.Token);
            }
        }

        await cancel.CancelAsync();
        var act = () => start;

        await act.Should().ThrowAsync<OperationCanceledException>();
        supervisor.Process!.HasExited.Should().BeTrue("a start given up by its caller must not leave the dev server running");
    }

    private DevServerSupervisor Create(Action<WorkspaceOptions>? configure = null)
    {
        var options = new WorkspaceOptions { DevServerCommand = TestTemplates.Command, DevServerStartTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(options);
        return new DevServerSupervisor(_sandbox, options, _logs, TimeProvider.System, NullLogger.Instance, _listener);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private sealed class RecordingListener : IDevServerListener
    {
        private readonly object _gate = new();

        public List<string> Lines { get; } = [];

        public List<WorkspaceStatus> Statuses { get; } = [];

        public List<Uri> Urls { get; } = [];

        public WorkspaceStatus? LastStatus
        {
            get
            {
                lock (_gate)
                {
                    return Statuses.Count == 0 ? null : Statuses[^1];
                }
            }
        }

        public void OnLog(string line)
        {
            lock (_gate)
            {
                Lines.Add(line);
            }
        }

        public void OnStatus(WorkspaceStatus status, string? reason)
        {
            lock (_gate)
            {
                Statuses.Add(status);
            }
        }

        public void OnUrl(Uri url)
        {
            lock (_gate)
            {
                Urls.Add(url);
            }
        }
    }
}
