using AppBuilder.Testing.Npm;

namespace AppBuilder.Testing.S3;

/// <summary>
/// Installs s3rver from npm into a per-machine cache folder once (so CI installs it once per machine, through
/// <see cref="NpmPackageInstaller"/>) and returns the path of its command-line script.
/// </summary>
public static class S3rverInstaller
{
    /// <summary>The s3rver version the tests use.</summary>
    public const string Version = "3.7.1";

    /// <summary>The cache folder: <c>$APPBUILDER_TEST_CACHE</c>, else <c>$XDG_CACHE_HOME/appbuilder-test</c>, else
    /// <c>~/.cache/appbuilder-test</c>.</summary>
    public static string CacheRoot => NpmPackageInstaller.CacheRoot;

    /// <summary>The folder s3rver is installed in.</summary>
    public static string InstallFolder => NpmPackageInstaller.InstallFolder("s3rver", Version);

    /// <summary>Returns the path of <c>s3rver/bin/s3rver.js</c>, installing s3rver with npm when it is missing.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message holds npm's output.</exception>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var folder = await NpmPackageInstaller.EnsureInstalledAsync("s3rver", Version, "the S3 tests", cancellationToken).ConfigureAwait(false);
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"s3rver@{Version} is installed in {folder} but {script} is missing.");
    }
}
