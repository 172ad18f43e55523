using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using AppBuilder.Testing.Conformance;

namespace AppBuilder.Abstractions.Tests.Testing;

/// <summary>
/// The in-memory sandbox provider that other tests stand on behaves as the sandbox contract says, for everything but
/// running programs (its processes are scripted, so the process half of the suite does not apply).
/// </summary>
public sealed class InMemorySandboxProviderConformanceTests : SandboxProviderCoreConformanceTests
{
    // The in-memory sandbox has no host file system: the "outside" of a link is this set of files, which no operation
    // of the double can reach. What the suite checks here is that every operation through such a link is refused.
    private readonly HashSet<string> _outside = new(StringComparer.Ordinal);

    protected override Task<ISandboxProvider> CreateProviderAsync() => Task.FromResult<ISandboxProvider>(new InMemorySandboxProvider());

    protected override Task<string> CreateOutsideFolderAsync(ISandbox sandbox)
    {
        var folder = "/host/outside-" + Guid.NewGuid().ToString("N")[..8];
        _outside.Add(folder + "/secret.txt");
        return Task.FromResult(folder);
    }

    protected override Task<bool> OutsideFileExistsAsync(ISandbox sandbox, string folder, string name) =>
        Task.FromResult(_outside.Contains(folder + "/" + name));

    protected override Task CreateSymbolicLinkAsync(ISandbox sandbox, string linkPath, string target)
    {
        var files = ((InMemorySandbox)sandbox).FileSystem;
        if (target.StartsWith('/'))
        {
            files.AddEscapingLink(linkPath);
        }
        else
        {
            files.AddLink(linkPath, target);
        }

        return Task.CompletedTask;
    }
}
