using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace AppBuilder.Testing.Npm;

/// <summary>
/// Installs an exact version of an npm package into a per-machine cache folder once (so CI installs it once per
/// machine, from the registry npm is configured with) and returns the path of a file inside it. Used for the npm
/// peers the integration tests run: s3rver, the MCP reference server.
/// </summary>
public static class NpmPackageInstaller
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_gates = new(StringComparer.Ordinal);

    /// <summary>The cache folder: <c>$APPBUILDER_TEST_CACHE</c>, else <c>$XDG_CACHE_HOME/appbuilder-test</c>, else
    /// <c>~/.cache/appbuilder-test</c>.</summary>
    public static string CacheRoot
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable("APPBUILDER_TEST_CACHE");
            if (!string.IsNullOrEmpty(explicitRoot))
            {
                return explicitRoot;
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            return Path.Combine(
                string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg,
                "appbuilder-test");
        }
    }

    /// <summary>The folder <paramref name="package"/>@<paramref name="version"/> is installed in.</summary>
    public static string InstallFolder(string package, string version) =>
        Path.Combine(CacheRoot, package.TrimStart('@').Replace('/', '-') + "-" + version);

    /// <summary>Returns the path of <paramref name="entry"/> (relative to the package's folder), installing the package
    /// with npm when it is missing.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message holds npm's output.</exception>
    public static async Task<string> EnsureInstalledAsync(string package, string version, string entry,
        CancellationToken cancellationToken = default)
    {
        var folder = InstallFolder(package, version);
        if (IsInstalled(folder, package, version, entry))
        {
            return EntryPath(folder, package, entry);
        }

        var gate = s_gates.GetOrAdd(folder, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsInstalled(folder, package, version, entry))
            {
                return EntryPath(folder, package, entry);
            }

            // Install beside the final folder, then rename: another process installing at the same time never sees a
            // half-installed folder, and the loser of the rename just discards its copy.
            Directory.CreateDirectory(CacheRoot);
            var staging = folder + ".tmp-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(staging);
            try
            {
                await RunNpmInstallAsync(staging, package, version, cancellationToken).ConfigureAwait(false);
                if (!IsInstalled(staging, package, version, entry))
                {
                    throw new InvalidOperationException(
                        $"npm reported success but {EntryPath(staging, package, entry)} is missing; {package}@{version} could not be installed.");
                }

                try
                {
                    Directory.Move(staging, folder);
                }
                catch (IOException) when (IsInstalled(folder, package, version, entry))
                {
                    // Another process finished first.
                }
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            return EntryPath(folder, package, entry);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string EntryPath(string folder, string package, string entry) =>
        Path.Combine([folder, "node_modules", .. package.Split('/'), .. entry.Split('/')]);

    private static bool IsInstalled(string folder, string package, string version, string entry)
    {
        var manifest = Path.Combine([folder, "node_modules", .. package.Split('/'), "package.json"]);
        return File.Exists(EntryPath(folder, package, entry)) && File.Exists(manifest) &&
            File.ReadAllText(manifest).Contains($"\"version\": \"{version}\"", StringComparison.Ordinal);
    }

    private static async Task RunNpmInstallAsync(string folder, string package, string version, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", package + "@" + version })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not run npm to install {package}@{version} for the tests: {ex.Message}. Install Node.js and npm, or " +
                $"pre-install it into {InstallFolder(package, version)}.", ex);
        }

        using (process)
        {
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"npm install {package}@{version} did not finish within 5 minutes. Output:\n{Read(output)}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm install {package}@{version} failed with exit code {process.ExitCode}. Output:\n{Read(output)}");
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
