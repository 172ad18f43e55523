using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// Decides once whether local sandbox processes run inside bubblewrap, and builds the <c>bwrap</c> argument vector:
/// the system folders read-only, the project and the sandbox's home folder writable (nothing else of the host),
/// a private <c>/tmp</c>, <c>/proc</c> and <c>/dev</c>, every namespace unshared except the network, no capabilities.
/// </summary>
/// <remarks>Thread-safe. The probe runs once (a trivial <c>bwrap … true</c>); its result is cached. Unconfined processes
/// are refused unless <see cref="LocalSandboxOptions.AllowUnconfined"/> (or, when it is unset, the Development
/// environment) permits them.</remarks>
internal sealed class Bubblewrap
{
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    private static readonly string[] SystemFiles =
    [
        "/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
        "/etc/host.conf", "/etc/gai.conf", "/etc/localtime", "/etc/alternatives",
    ];

    /// <summary>The configuration key that permits unconfined processes, as named in the start-up error.</summary>
    internal const string AllowUnconfinedKey = LocalSandboxOptions.SectionName + ":" + nameof(LocalSandboxOptions.AllowUnconfined);

    private readonly LocalSandboxOptions _options;
    private readonly IHostEnvironment? _environment;
    private readonly ILogger<Bubblewrap> _logger;
    private readonly Lazy<Task<bool>> _probe;

    public Bubblewrap(IOptions<LocalSandboxOptions> options, ILogger<Bubblewrap> logger, IHostEnvironment? environment = null)
    {
        _options = options.Value;
        _environment = environment;
        _logger = logger;
        _probe = new Lazy<Task<bool>>(ProbeAsync);
    }

    /// <summary>Whether processes run inside bubblewrap. Probes on the first call.</summary>
    /// <exception cref="InvalidOperationException">Bubblewrap is required by the options but does not work, or it is
    /// not used and unconfined processes are not permitted here.</exception>
    public Task<bool> IsEnabledAsync() => _probe.Value;

    /// <summary>The bubblewrap executable's path as given by the options.</summary>
    public string Executable => _options.BubblewrapPath;

    /// <summary>Builds the full argument vector (after the <c>bwrap</c> executable) that runs <paramref name="command"/>.</summary>
    public IReadOnlyList<string> BuildArguments(string projectRoot, string homeDirectory, string workingDirectory,
        IReadOnlyList<string> command)
    {
        var args = new List<string>(64)
        {
            "--die-with-parent", "--new-session", "--unshare-all", "--share-net", "--cap-drop", "ALL",
        };

        foreach (var folder in SystemFolders)
        {
            AddSystemMount(args, folder);
        }

        foreach (var file in SystemFiles)
        {
            if (Path.Exists(file))
            {
                args.AddRange(["--ro-bind-try", file, file]);
            }
        }

        foreach (var extra in ExtraReadOnlyPaths())
        {
            args.AddRange(["--ro-bind-try", extra, extra]);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        args.AddRange(["--bind", homeDirectory, homeDirectory]);
        args.AddRange(["--bind", projectRoot, projectRoot]);
        args.AddRange(["--chdir", workingDirectory, "--"]);
        args.AddRange(command);
        return args;
    }

    /// <summary>The folder that holds the <c>node</c> install when it is outside <c>/usr</c>, plus configured paths.</summary>
    private IEnumerable<string> ExtraReadOnlyPaths()
    {
        var node = NodeInstall.Prefix;
        if (node is not null && !IsUnder(node, "/usr"))
        {
            yield return node;
        }

        foreach (var path in _options.ReadOnlyPaths)
        {
            if (!string.IsNullOrWhiteSpace(path) && Path.IsPathRooted(path))
            {
                yield return Path.GetFullPath(path);
            }
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);

    private static void AddSystemMount(List<string> args, string folder)
    {
        var info = new DirectoryInfo(folder);
        if (!info.Exists && info.LinkTarget is null)
        {
            return;
        }

        if (info.LinkTarget is { } target)
        {
            args.AddRange(["--symlink", target, folder]);
        }
        else
        {
            args.AddRange(["--ro-bind", folder, folder]);
        }
    }

    private async Task<bool> ProbeAsync()
    {
        if (_options.UseBubblewrap == false || !OperatingSystem.IsLinux())
        {
            if (_options.UseBubblewrap == true)
            {
                throw new InvalidOperationException("LocalSandboxOptions.UseBubblewrap is true, but bubblewrap only runs on Linux.");
            }

            EnsureUnconfinedAllowed(OperatingSystem.IsLinux()
                ? "AppBuilder:Sandbox:Local:UseBubblewrap is false"
                : "bubblewrap only runs on Linux");
            LocalSandboxLog.BubblewrapDisabled(_logger);
            return false;
        }

        var (works, detail) = await TryRunTrivialAsync().ConfigureAwait(false);
        if (works)
        {
            LocalSandboxLog.BubblewrapEnabled(_logger, _options.BubblewrapPath);
            return true;
        }

        if (_options.UseBubblewrap == true)
        {
            throw new InvalidOperationException(
                $"LocalSandboxOptions.UseBubblewrap is true, but '{_options.BubblewrapPath}' does not work here ({detail}). " +
                "Install it (apt-get install bubblewrap) or set AppBuilder:Sandbox:Local:UseBubblewrap to false.");
        }

        EnsureUnconfinedAllowed($"'{_options.BubblewrapPath}' does not work here: {detail}");
        LocalSandboxLog.BubblewrapUnavailable(_logger, detail);
        return false;
    }

    /// <summary>Throws unless unconfined processes are permitted: by <see cref="LocalSandboxOptions.AllowUnconfined"/>,
    /// or when it is unset, by the Development environment.</summary>
    private void EnsureUnconfinedAllowed(string reason)
    {
        var isDevelopment = _environment?.IsDevelopment() == true;
        if (_options.AllowUnconfined ?? isDevelopment)
        {
            return;
        }

        var where = _options.AllowUnconfined == false
            ? $"{AllowUnconfinedKey} is false"
            : _environment is null
                ? "no host environment says this is Development"
                : $"the environment is '{_environment.EnvironmentName}', not Development";
        throw new InvalidOperationException(
            $"Local sandbox processes would run UNCONFINED with the host's permissions ({reason}), and {where}. " +
            "Install bubblewrap (apt-get install bubblewrap) to confine them, or set " +
            $"{AllowUnconfinedKey}=true (environment variable AppBuilder__Sandbox__Local__AllowUnconfined=true) to " +
            "accept unconfined processes — only for a single trusted person on their own machine.");
    }

    private async Task<(bool Works, string Detail)> TryRunTrivialAsync()
    {
        var scratch = Directory.CreateTempSubdirectory("appbuilder-bwrap-probe-");
        try
        {
            var start = new ProcessStartInfo(_options.BubblewrapPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in BuildArguments(scratch.FullName, scratch.FullName, scratch.FullName, ["true"]))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = new Process { StartInfo = start };
            Internal.ProcessSpawner.Start(process);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var message = (await stderr.ConfigureAwait(false)).Trim();
            return process.ExitCode == 0 ? (true, "") : (false, $"exit code {process.ExitCode}: {message}");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return (false, e.Message);
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
