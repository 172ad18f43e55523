using AppBuilder.Testing.Conformance;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>The sandbox conformance suite against the local provider with plain (unconfined) processes.</summary>
public sealed class LocalSandboxProviderConformanceTests : SandboxProviderConformanceTests, IDisposable
{
    private readonly TestFolder _work = new("appbuilder-local-");
    private readonly TestFolder _outside = new("appbuilder-outside-");

    protected override Task<ISandboxProvider> CreateProviderAsync() =>
        Task.FromResult<ISandboxProvider>(LocalProviders.Create(_work.Path, bubblewrap: false));

    protected override Task<string> CreateOutsideFolderAsync(ISandbox sandbox) => LocalOutside.CreateAsync(_outside);

    protected override Task<bool> OutsideFileExistsAsync(ISandbox sandbox, string folder, string name) =>
        Task.FromResult(File.Exists(Path.Join(folder, name)));

    public void Dispose()
    {
        _work.Dispose();
        _outside.Dispose();
    }
}
