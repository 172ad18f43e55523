using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>Builds local providers over a temporary work root for tests. Tests permit unconfined processes explicitly
/// (<see cref="LocalSandboxOptions.AllowUnconfined"/>): they build providers without a host environment.</summary>
internal static class LocalProviders
{
    private static readonly Lazy<bool> LazyBubblewrapWorks = new(() =>
        new Bubblewrap(Options.Create(new LocalSandboxOptions { UseBubblewrap = null, AllowUnconfined = true }), NullLogger<Bubblewrap>.Instance)
            .IsEnabledAsync().GetAwaiter().GetResult());

    /// <summary>Whether bubblewrap is installed and works on this machine.</summary>
    public static bool BubblewrapWorks => LazyBubblewrapWorks.Value;

    public static LocalSandboxProvider Create(string workRoot, bool bubblewrap, TimeProvider? time = null)
    {
        var options = Options.Create(new LocalSandboxOptions { WorkRoot = workRoot, UseBubblewrap = bubblewrap, AllowUnconfined = true });
        return new LocalSandboxProvider(options, new Bubblewrap(options, NullLogger<Bubblewrap>.Instance),
            time ?? TimeProvider.System, NullLogger<LocalSandboxProvider>.Instance);
    }
}
