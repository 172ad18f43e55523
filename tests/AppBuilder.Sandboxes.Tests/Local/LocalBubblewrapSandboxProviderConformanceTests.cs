using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>The sandbox conformance suite against the local provider with every process inside bubblewrap.</summary>
public sealed class LocalBubblewrapSandboxProviderConformanceTests : SandboxProviderConformanceTests, IDisposable
{
    private readonly TestFolder _work = new("appbuilder-bwrap-");
    private readonly TestFolder _outside = new("appbuilder-outside-");

    /// <summary>The suite needs a working bubblewrap: skipped without it (failed in CI).</summary>
    public static Prerequisite Prerequisites => Prerequisite.Bubblewrap;

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
