using System.Diagnostics;
using System.Text;
namespace AppBuilder.Testing.Npm;

/// <summary>
/// Installs one pinned npm package into a per-machine cache folder once (so CI installs it once per machine): the
/// install runs in a staging folder that is then renamed, so a concurrent run never sees half an install.
/// </summary>
public static class NpmPackageInstaller
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

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

    /// <summary>The folder <paramref name="package"/>@<paramref name="version"/> is installed in (its
    /// <c>node_modules</c> inside), under <see cref="CacheRoot"/>.</summary>
    public static string InstallFolder(string package, string version) =>
        Path.Combine(CacheRoot, package.Replace('/', '+').TrimStart('@') + "-" + version);

    /// <summary>Returns the install folder, installing the package with npm when it is missing.</summary>
    /// <param name="package">The npm package name, such as <c>@modelcontextprotocol/sdk</c>.</param>
    /// <param name="version">The exact version.</param>
    /// <param name="purpose">What needs it, for the error message.</param>
    /// <param name="cancellationToken">Cancels the wait (not a running npm, which is killed after 5 minutes).</param>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message holds npm's output.</exception>
    public static async Task<string> EnsureInstalledAsync(string package, string version, string purpose, CancellationToken cancellationToken = default)
    {
        var folder = InstallFolder(package, version);
        if (IsInstalled(folder, package, version))
        {
            return folder;
        }

        await s_gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsInstalled(folder, package, version))
            {
                return folder;
            }

            Directory.CreateDirectory(CacheRoot);
            var staging = folder + ".tmp-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(staging);
            try
            {
                await RunNpmInstallAsync(staging, package, version, purpose, cancellationToken).ConfigureAwait(false);
                if (!IsInstalled(staging, package, version))
                {
                    throw new InvalidOperationException($"npm reported success but {package}@{version} is missing from {staging}.");
                }

                try
                {
                    Directory.Move(staging, folder);
                }
                catch (IOException) when (IsInstalled(folder, package, version))
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

            return folder;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static bool IsInstalled(string folder, string package, string version)
    {
        var manifest = Path.Combine([folder, "node_modules", .. package.Split('/'), "package.json"]);
        return File.Exists(manifest) && File.ReadAllText(manifest).Contains($"\"version\": \"{version}\"", StringComparison.Ordinal);
    }

    private static async Task RunNpmInstallAsync(string folder, string package, string version, string purpose, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", $"{package}@{version}" })
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
                $"Could not run npm to install {package}@{version} for {purpose}: {ex.Message}. Install Node.js and npm.", ex);
        }

        using (process)
        {
            void Append(string? line)
            {
                if (line is not null)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }
                }
            }

            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
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
                throw new InvalidOperationException($"npm install {package}@{version} did not finish within 5 minutes. Output:\n{output}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm install {package}@{version} failed with exit code {process.ExitCode}; {purpose} needs it. Output:\n{output}");
            }
        }
    }
}
