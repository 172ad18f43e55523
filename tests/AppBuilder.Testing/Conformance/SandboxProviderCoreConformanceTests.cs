using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The part of the sandbox contract that does not run programs: the provider's lifecycle (create, connect, list, stop),
/// leases, files (read, write, list, move, remove, watch), hostile paths and symbolic links. Every provider passes it
/// through <see cref="SandboxProviderConformanceTests"/>, which adds processes and ports; a provider whose processes are
/// scripted rather than run (the in-memory test double) derives from this class directly.
/// </summary>
/// <remarks>The default <see cref="CreateOutsideFolderAsync"/>, <see cref="OutsideFileExistsAsync"/> and
/// <see cref="CreateSymbolicLinkAsync"/> use <c>sh</c>, <c>test</c> and <c>ln</c> in the sandbox; a provider that does
/// not run programs overrides them. Facts are <see cref="ConformanceFactAttribute"/>s: a concrete class declares what its
/// provider needs with a public static <c>Prerequisites</c> (or <c>SkipReason</c>), and the facts are skipped with the
/// reason when it is missing (failed under <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c>).</remarks>
public abstract partial class SandboxProviderCoreConformanceTests : IAsyncLifetime
{
    private readonly List<ISandbox> _created = [];
    private ISandboxProvider? _provider;

    /// <summary>The provider under test, created before each test.</summary>
    protected ISandboxProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not created yet.");

    /// <summary>A token that ends a test that hangs.</summary>
    protected CancellationToken Timeout { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    /// <summary>Creates the provider under test (called before each test).</summary>
    protected abstract Task<ISandboxProvider> CreateProviderAsync();

    /// <summary>Disposes the provider after each test. By default disposes it when it is disposable.</summary>
    protected virtual async Task DisposeProviderAsync(ISandboxProvider provider)
    {
        if (provider is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>
    /// Creates a folder outside the sandbox's project, holding <c>secret.txt</c> with the text <c>secret</c>, and
    /// returns its absolute path as a symbolic link in the project would name it. By default uses processes in the
    /// sandbox (<c>/tmp/…</c>); providers whose processes get a private <c>/tmp</c> override it.
    /// </summary>
    protected virtual async Task<string> CreateOutsideFolderAsync(ISandbox sandbox)
    {
        var folder = "/tmp/appbuilder-conformance-" + StorageId.New();
        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", $"mkdir -p {folder} && printf secret > {folder}/secret.txt"), Timeout);
        result.Succeeded.Should().BeTrue(result.StandardError);
        return folder;
    }

    /// <summary>Whether a file named <paramref name="name"/> exists in a folder made by <see cref="CreateOutsideFolderAsync"/>.</summary>
    protected virtual async Task<bool> OutsideFileExistsAsync(ISandbox sandbox, string folder, string name)
    {
        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("test", "-e", $"{folder}/{name}"), Timeout);
        return result.ExitCode == 0;
    }

    /// <summary>Creates a symbolic link at project path <paramref name="linkPath"/> pointing at <paramref name="target"/>.
    /// By default runs <c>ln -s</c> in the sandbox.</summary>
    protected virtual async Task CreateSymbolicLinkAsync(ISandbox sandbox, string linkPath, string target)
    {
        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("ln", "-s", target, linkPath), Timeout);
        result.Succeeded.Should().BeTrue(result.StandardError);
    }

    /// <summary>Creates a sandbox that is stopped after the test.</summary>
    protected async Task<ISandbox> CreateSandboxAsync(IReadOnlyDictionary<string, string>? environment = null, TimeSpan? lease = null)
    {
        var sandbox = await Provider.CreateAsync(new SandboxCreateOptions
        {
            ProjectId = "conf" + StorageId.New(),
            Environment = environment ?? new Dictionary<string, string>(),
            Lease = lease,
        }, Timeout);
        lock (_created)
        {
            _created.Add(sandbox);
        }

        return sandbox;
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _provider = await CreateProviderAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_provider is null)
        {
            return;
        }

        foreach (var sandbox in _created)
        {
            await _provider.StopAsync(sandbox.Id);
            await sandbox.DisposeAsync();
        }

        await DisposeProviderAsync(_provider);
    }

    [ConformanceFact]
    public async Task Create_NewSandbox_IsRunningEmptyAndListed()
    {
        var sandbox = await CreateSandboxAsync();

        sandbox.State.Should().Be(SandboxState.Running);
        sandbox.Id.Should().NotBeNullOrEmpty();
        sandbox.ProjectId.Should().StartWith("conf");
        (await sandbox.Files.ListAsync("", recursive: true, cancellationToken: Timeout)).Should().BeEmpty();
        (await Provider.ListAsync(Timeout)).Should().Contain(i => i.Id == sandbox.Id && i.ProjectId == sandbox.ProjectId);
    }

    [ConformanceFact]
    public async Task Connect_RunningSandbox_ReturnsItWithSameFiles()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("a.txt", "hello", Timeout);

        var again = await Provider.ConnectAsync(sandbox.Id, Timeout);

        again.Should().NotBeNull();
        again!.Id.Should().Be(sandbox.Id);
        (await again.Files.ReadTextAsync("a.txt", Timeout)).Should().Be("hello");
    }

    [ConformanceFact]
    public async Task Stop_UnknownSandbox_DoesNotThrow()
    {
        var act = () => Provider.StopAsync("no-such-sandbox", Timeout);

        await act.Should().NotThrowAsync();
        (await Provider.ConnectAsync("no-such-sandbox", Timeout)).Should().BeNull();
    }

    [ConformanceFact]
    public async Task Lease_Renew_ExtendsAndNeverShortens()
    {
        var sandbox = await CreateSandboxAsync(lease: TimeSpan.FromMinutes(5));
        var before = DateTimeOffset.UtcNow;
        sandbox.LeaseExpiresAt.Should().BeAfter(before);

        await sandbox.RenewLeaseAsync(TimeSpan.FromHours(2), Timeout);
        var extended = sandbox.LeaseExpiresAt;
        await sandbox.RenewLeaseAsync(TimeSpan.FromMinutes(1), Timeout);

        extended.Should().BeOnOrAfter(before + TimeSpan.FromHours(2));
        sandbox.LeaseExpiresAt.Should().Be(extended);
        (await Provider.ListAsync(Timeout)).Single(i => i.Id == sandbox.Id).LeaseExpiresAt.Should().Be(extended);
    }
}
