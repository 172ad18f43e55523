using System.Diagnostics;
using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>
/// Gives a project its <c>node_modules</c>. For a local sandbox whose lockfile is its template's, the prepared cache is
/// hard-linked in (no npm at all once prepared). When the lockfile changed (the agent added a dependency), the
/// template's cache is linked as a head start and <c>npm install</c> runs inside the sandbox. Other providers run
/// <c>npm ci</c> (or <c>npm install</c> without a lockfile) inside the sandbox.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class DependencyInstaller
{
    private static readonly string[] NpmFlags = ["--prefer-offline", "--no-audit", "--no-fund"];

    private readonly DependencyCache _cache;
    private readonly ITemplateSource _templates;
    private readonly WorkspaceOptions _options;
    private readonly ILogger<DependencyInstaller> _logger;

    public DependencyInstaller(DependencyCache cache, ITemplateSource templates, IOptions<WorkspaceOptions> options,
        ILogger<DependencyInstaller> logger)
    {
        _cache = cache;
        _templates = templates;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Installs the sandbox's dependencies. Returns how they were installed: <c>linked</c>, <c>installed</c> or <c>none</c>.</summary>
    /// <exception cref="AppBuilderException">npm failed.</exception>
    public async Task<string> InstallAsync(ISandbox sandbox, string template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var packageJson = await TryReadAsync(sandbox, "package.json", cancellationToken).ConfigureAwait(false);
        if (packageJson is null)
        {
            DependencyCacheLog.NothingToInstall(_logger, sandbox.ProjectId);
            return "none";
        }

        var lockfile = await TryReadAsync(sandbox, "package-lock.json", cancellationToken).ConfigureAwait(false);
        var local = sandbox.GetService(typeof(LocalSandbox)) as LocalSandbox;
        var templateFiles = await _templates.GetFilesAsync(template, cancellationToken).ConfigureAwait(false);
        var templateLock = templateFiles?.FirstOrDefault(f => f.Path == "package-lock.json");
        var templatePackage = templateFiles?.FirstOrDefault(f => f.Path == "package.json");

        if (local is not null && templateLock is not null && templatePackage is not null)
        {
            var templateKey = DependencyCache.ComputeKey(template, templateLock.Content.Span);
            await _cache.PrepareAsync(templateKey, templatePackage.Content, templateLock.Content, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var (linked, copied) = await _cache.MaterializeAsync(templateKey, local.ProjectRoot, cancellationToken).ConfigureAwait(false);
            DependencyCacheLog.Linked(_logger, sandbox.ProjectId, templateKey, linked, copied, Stopwatch.GetElapsedTime(started));
            if (lockfile is not null && lockfile.AsSpan().SequenceEqual(templateLock.Content.Span)
                && packageJson.AsSpan().SequenceEqual(templatePackage.Content.Span))
            {
                return "linked";
            }

            // The project's dependencies differ from the template's: npm reconciles the linked tree, confined.
            await RunNpmAsync(sandbox, ["npm", "install", .. NpmFlags], cancellationToken).ConfigureAwait(false);
            return "installed";
        }

        string[] command = lockfile is null ? ["npm", "install", .. NpmFlags] : ["npm", "ci", .. NpmFlags];
        await RunNpmAsync(sandbox, command, cancellationToken).ConfigureAwait(false);
        return "installed";
    }

    private async Task RunNpmAsync(ISandbox sandbox, string[] command, CancellationToken cancellationToken)
    {
        DependencyCacheLog.Installing(_logger, sandbox.ProjectId, string.Join(' ', command));
        var result = await sandbox.Processes.RunAsync(new ProcessSpec { Command = command, Timeout = _options.InstallTimeout },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var detail = result.StandardError.Length > 2000 ? "…" + result.StandardError[^2000..] : result.StandardError;
            throw new AppBuilderException(
                $"Installing dependencies failed ({string.Join(' ', command)} exited with {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}): {detail.Trim()}",
                "dependency_install_failed");
        }
    }

    private static async Task<byte[]?> TryReadAsync(ISandbox sandbox, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await sandbox.Files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
