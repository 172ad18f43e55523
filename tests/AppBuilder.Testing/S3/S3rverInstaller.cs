using System.Diagnostics;
using System.Text;

namespace AppBuilder.Testing.S3;

/// <summary>
/// Installs s3rver from npm into a per-machine cache folder once (so CI installs it once per machine) and returns the
/// path of its command-line script.
/// </summary>
public static class S3rverInstaller
{
    /// <summary>The s3rver version the tests use.</summary>
    public const string Version = "3.7.1";

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

    /// <summary>The folder s3rver is installed in.</summary>
    public static string InstallFolder => Path.Combine(CacheRoot, "s3rver-" + Version);

    /// <summary>Returns the path of <c>s3rver/bin/s3rver.js</c>, installing s3rver with npm when it is missing.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message holds npm's output.</exception>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var script = ScriptPath(InstallFolder);
        if (IsInstalled(InstallFolder))
        {
            return script;
        }

        await s_gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsInstalled(InstallFolder))
            {
                return script;
            }

            // Install beside the final folder, then rename: another process installing at the same time never sees a
            // half-installed folder, and the loser of the rename just discards its copy.
            Directory.CreateDirectory(CacheRoot);
            var staging = InstallFolder + ".tmp-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(staging);
            try
            {
                await RunNpmInstallAsync(staging, cancellationToken).ConfigureAwait(false);
                if (!IsInstalled(staging))
                {
                    throw new InvalidOperationException(
                        $"npm reported success but {ScriptPath(staging)} is missing; s3rver@{Version} could not be installed.");
                }

                try
                {
                    Directory.Move(staging, InstallFolder);
                }
                catch (IOException) when (IsInstalled(InstallFolder))
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

            return script;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static string ScriptPath(string folder) => Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");

    private static bool IsInstalled(string folder)
    {
        var package = Path.Combine(folder, "node_modules", "s3rver", "package.json");
        return File.Exists(ScriptPath(folder)) && File.Exists(package) &&
            File.ReadAllText(package).Contains($"\"version\": \"{Version}\"", StringComparison.Ordinal);
    }

    private static async Task RunNpmInstallAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", "s3rver@" + Version })
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
                $"Could not run npm to install s3rver@{Version} for the S3 tests: {ex.Message}. Install Node.js and npm, or " +
                $"pre-install s3rver into {InstallFolder}.", ex);
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
                throw new InvalidOperationException($"npm install s3rver@{Version} did not finish within 5 minutes. Output:\n{Read(output)}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm install s3rver@{Version} failed with exit code {process.ExitCode}; the S3 tests need it. Output:\n{Read(output)}");
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
