using AppBuilder.Logs;
using AppBuilder.Sandboxes.Dependencies;
using AppBuilder.Sandboxes.Local;
using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Sandboxes.Tests.Local;
using AppBuilder.Sandboxes.Workspaces;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using AppBuilder.Testing;

namespace AppBuilder.Sandboxes.Tests.Workspaces;

/// <summary>A workspace manager over a real local provider in temporary folders, with a fake snapshot store.</summary>
internal sealed class WorkspaceHarness : IAsyncDisposable
{
    private readonly TestFolder _folder = new("appbuilder-ws-");

    public WorkspaceHarness(ITemplateSource templates, TimeProvider? time = null, Action<WorkspaceOptions>? configure = null, string? cacheRoot = null,
        Func<ISandboxProvider, ISandboxProvider>? wrapProvider = null, IWorkspaceOwnership? ownership = null)
    {
        Time = time ?? TimeProvider.System;
        Options = new WorkspaceOptions { CacheRoot = cacheRoot ?? _folder.Combine("cache") };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Provider = LocalProviders.Create(_folder.Combine("work"), LocalProviders.BubblewrapWorks, Time);
        Snapshots = new InMemorySnapshotStore(Time);
        Cache = new DependencyCache(options, new CountingRunner(new HostCommandRunner(TimeProvider.System)), NullLogger<DependencyCache>.Instance);
        var installer = new DependencyInstaller(Cache, templates, options, NullLogger<DependencyInstaller>.Instance);
        Manager = new WorkspaceManager(wrapProvider?.Invoke(Provider) ?? Provider, Snapshots, templates, installer, Logs, Time, options, NullLogger<WorkspaceManager>.Instance,
            ownership: ownership);
    }

    public TimeProvider Time { get; }

    public WorkspaceOptions Options { get; }

    public LocalSandboxProvider Provider { get; }

    public InMemorySnapshotStore Snapshots { get; }

    public DependencyCache Cache { get; }

    public InMemoryProjectLogStore Logs { get; } = new();

    public WorkspaceManager Manager { get; }

    public static WorkspaceHarness Tiny(TimeProvider? time = null, Action<WorkspaceOptions>? configure = null,
        Func<ISandboxProvider, ISandboxProvider>? wrapProvider = null, IWorkspaceOwnership? ownership = null) =>
        new(new TestTemplates(), time, o =>
        {
            o.DevServerCommand = TestTemplates.Command;
            configure?.Invoke(o);
        }, wrapProvider: wrapProvider, ownership: ownership);

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        await Provider.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Counts host commands (npm ci runs) while running them for real.</summary>
internal sealed class CountingRunner(IHostCommandRunner inner) : IHostCommandRunner
{
    private int _runs;

    public int Runs => _runs;

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> command, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _runs);
        return inner.RunAsync(command, workingDirectory, timeout, cancellationToken);
    }
}
