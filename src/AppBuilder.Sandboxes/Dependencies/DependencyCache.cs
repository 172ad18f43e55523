using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>
/// Prepared <c>node_modules</c> folders, one per (template, lockfile SHA-256, platform), under
/// <c>&lt;CacheRoot&gt;/deps/&lt;key&gt;</c>. A folder is prepared once with <c>npm ci</c> (guarded by a per-key semaphore
/// within this process and a lock file across processes), sealed read-only, and then materialised into each new
/// project as a tree of hard links (a copy where links are impossible).
/// </summary>
/// <remarks>
/// Thread-safe. Sealing makes every cached file read-only and, when the host runs as root, owned by <c>nobody</c>:
/// a bubblewrap-confined process (no capabilities) can then neither write through a hard link nor change its mode,
/// so one project cannot alter another's dependencies. Unconfined processes running as root are not stopped by this.
/// Only lockfiles AppBuilder trusts (those shipped in templates) are prepared here, because <c>npm ci</c> runs the
/// packages' install scripts on the host.
/// </remarks>
internal sealed partial class DependencyCache
{
    private const string ReadyMarker = ".appbuilder-ready";
    private static readonly string[] NpmCi = ["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"];

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly IHostCommandRunner _runner;
    private readonly ILogger<DependencyCache> _logger;
    private readonly TimeSpan _installTimeout;
    private int _preparations;

    public DependencyCache(IOptions<WorkspaceOptions> options, IHostCommandRunner runner, ILogger<DependencyCache> logger)
    {
        Root = Path.Join(Path.GetFullPath(options.Value.CacheRoot), "deps");
        _installTimeout = options.Value.InstallTimeout;
        _runner = runner;
        _logger = logger;
    }

    /// <summary>The folder holding one sub-folder per key.</summary>
    public string Root { get; }

    /// <summary>How many times <c>npm ci</c> ran to prepare a key (in this process).</summary>
    public int Preparations => Volatile.Read(ref _preparations);

    /// <summary>The cache key of a template's lockfile on this platform.</summary>
    public static string ComputeKey(string template, ReadOnlySpan<byte> lockfile)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(lockfile);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes("\n" + RuntimeInformation.RuntimeIdentifier));
        var safeTemplate = Storage.StorageId.IsValid(template) ? template : "template";
        return safeTemplate + "-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>Whether the key's <c>node_modules</c> is prepared.</summary>
    public bool IsReady(string key) => File.Exists(Path.Join(Root, key, ReadyMarker));

    /// <summary>Returns the key's prepared <c>node_modules</c>, running <c>npm ci</c> first when needed.</summary>
    /// <exception cref="AppBuilderException"><c>npm ci</c> failed.</exception>
    public async Task<string> PrepareAsync(string key, ReadOnlyMemory<byte> packageJson, ReadOnlyMemory<byte> lockfile,
        CancellationToken cancellationToken = default)
    {
        var folder = Path.Join(Root, key);
        var modules = Path.Join(folder, "node_modules");
        if (IsReady(key))
        {
            return modules;
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Root);
            using var crossProcessLock = await AcquireFileLockAsync(Path.Join(Root, key + ".lock"), cancellationToken).ConfigureAwait(false);
            if (IsReady(key))
            {
                return modules;
            }

            var staging = Path.Join(Root, key + ".staging-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(staging);
            try
            {
                await File.WriteAllBytesAsync(Path.Join(staging, "package.json"), packageJson.ToArray(), cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(Path.Join(staging, "package-lock.json"), lockfile.ToArray(), cancellationToken).ConfigureAwait(false);
                DependencyCacheLog.Preparing(_logger, key);
                Interlocked.Increment(ref _preparations);
                var result = await _runner.RunAsync(NpmCi, staging, _installTimeout, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    throw new AppBuilderException(
                        $"Preparing dependencies failed (npm ci exited with {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}): {Tail(result.StandardError)}",
                        "dependency_install_failed");
                }

                Seal(Path.Join(staging, "node_modules"));
                await File.WriteAllTextAsync(Path.Join(staging, ReadyMarker), key, cancellationToken).ConfigureAwait(false);
                if (Directory.Exists(folder))
                {
                    // A half-prepared folder from a crash: replace it.
                    Directory.Delete(folder, recursive: true);
                }

                Directory.Move(staging, folder);
                DependencyCacheLog.Prepared(_logger, key, result.Duration);
                return modules;
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    TryDelete(staging);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Makes <c>&lt;projectRoot&gt;/node_modules</c> a hard-link copy of the key's prepared folder, replacing what was
    /// there. Returns how many files were linked and how many copied.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is not prepared.</exception>
    public Task<(int Linked, int Copied)> MaterializeAsync(string key, string projectRoot, CancellationToken cancellationToken = default)
    {
        if (!IsReady(key))
        {
            throw new InvalidOperationException($"Dependencies '{key}' are not prepared.");
        }

        var source = Path.Join(Root, key, "node_modules");
        var target = Path.Join(projectRoot, "node_modules");
        if (Directory.Exists(target) || File.Exists(target))
        {
            TryDelete(target);
        }

        var tree = new HardLinkTree();
        tree.Copy(source, target, cancellationToken);
        return Task.FromResult((tree.Linked, tree.Copied));
    }

    private static void Seal(string modules)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(modules))
        {
            return;
        }

        var root = NativeFileSystem.IsRoot;
        foreach (var file in Directory.EnumerateFiles(modules, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null)
            {
                continue;
            }

            info.UnixFileMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            if (root)
            {
                NativeFileSystem.TryChangeOwner(file, NativeFileSystem.Nobody, NativeFileSystem.Nobody);
            }
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process prepares the same key: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "…" + text[^2000..].Trim();

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
