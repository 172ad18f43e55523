using AppBuilder.Sandboxes.Local;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>What a bubblewrap-confined process can and cannot see of the host.</summary>
public sealed class BubblewrapConfinementTests : IAsyncLifetime, IDisposable
{
    private readonly TestFolder _work = new("appbuilder-confine-");
    private readonly TestFolder _outside = new("appbuilder-secret-");
    private LocalSandboxProvider? _provider;
    private ISandbox _sandbox = null!;
    private ISandbox _neighbour = null!;

    // Runs only for tests that run: a missing bubblewrap skips (or, in CI, fails) every fact before this.
    public async Task InitializeAsync()
    {
        _provider = LocalProviders.Create(_work.Path, bubblewrap: true);
        _sandbox = await _provider.CreateAsync(new SandboxCreateOptions { ProjectId = "mine" });
        _neighbour = await _provider.CreateAsync(new SandboxCreateOptions { ProjectId = "theirs" });
        await _neighbour.Files.WriteTextAsync("private.txt", "neighbour's secret");
    }

    [RequiresFact(Prerequisite.Bubblewrap)]
    public async Task Process_ReadsFileOutsideProject_CannotSeeIt()
    {
        var secret = _outside.Combine("secret.txt");
        await File.WriteAllTextAsync(secret, "host secret");

        var result = await _sandbox.Processes.RunAsync(ProcessSpec.Of("cat", secret));

        result.ExitCode.Should().NotBe(0);
        result.StandardOutput.Should().NotContain("host secret");
    }

    [RequiresFact(Prerequisite.Bubblewrap)]
    public async Task Process_ListsAnotherProjectOrHostHome_CannotSeeThem()
    {
        var neighbourRoot = ((LocalSandbox)_neighbour).ProjectRoot;

        var listNeighbour = await _sandbox.Processes.RunAsync(ProcessSpec.Of("ls", "-a", neighbourRoot));
        var readNeighbour = await _sandbox.Processes.RunAsync(ProcessSpec.Of("cat", Path.Join(neighbourRoot, "private.txt")));
        var listHome = await _sandbox.Processes.RunAsync(ProcessSpec.Of("ls", "-a", "/root"));
        var listWork = await _sandbox.Processes.RunAsync(ProcessSpec.Of("ls", _work.Path));

        listNeighbour.ExitCode.Should().NotBe(0);
        readNeighbour.StandardOutput.Should().NotContain("secret");
        listHome.ExitCode.Should().NotBe(0);
        listWork.StandardOutput.Should().NotContain("theirs");
    }

    [RequiresFact(Prerequisite.Bubblewrap)]
    public async Task Process_Environment_HasPrivateHomeAndNoHostSecrets()
    {
        Environment.SetEnvironmentVariable("APPBUILDER_TEST_HOST_SECRET", "do-not-leak");
        var result = await _sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", "printf '%s|%s' \"$HOME\" \"$APPBUILDER_TEST_HOST_SECRET\""));

        result.StandardOutput.Should().Be(((LocalSandbox)_sandbox).Home + "|");
    }

    [RequiresFact(Prerequisite.Bubblewrap)]
    public async Task Process_WritesSystemFolder_IsRefused()
    {
        var result = await _sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", "echo x > /usr/appbuilder-evil"));

        result.ExitCode.Should().NotBe(0);
        File.Exists("/usr/appbuilder-evil").Should().BeFalse();
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _work.Dispose();
        _outside.Dispose();
    }
}
