using AppBuilder.Testing.Conformance;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>The sandbox conformance suite against the local provider with every process inside bubblewrap.</summary>
public sealed class LocalBubblewrapSandboxProviderConformanceTests : SandboxProviderConformanceTests, IDisposable
{
    private readonly TestFolder _work = new("appbuilder-bwrap-");
    private readonly TestFolder _outside = new("appbuilder-outside-");

    /// <summary>Skips the suite when bubblewrap is missing or unusable here.</summary>
    public static string? SkipReason => LocalProviders.BubblewrapWorks
        ? null
        : "bubblewrap (bwrap) is not installed or cannot create namespaces on this machine; install it with apt-get install bubblewrap";

    protected override Task<ISandboxProvider> CreateProviderAsync() =>
        Task.FromResult<ISandboxProvider>(LocalProviders.Create(_work.Path, bubblewrap: true));

    protected override Task<string> CreateOutsideFolderAsync(ISandbox sandbox) => LocalOutside.CreateAsync(_outside);

    protected override Task<bool> OutsideFileExistsAsync(ISandbox sandbox, string folder, string name) =>
        Task.FromResult(File.Exists(Path.Join(folder, name)));

    public void Dispose()
    {
        _work.Dispose();
        _outside.Dispose();
    }
}
