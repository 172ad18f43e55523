using AppBuilder.Testing.Npm;

namespace AppBuilder.Testing.S3;

/// <summary>
/// Installs s3rver from npm into a per-machine cache folder once (so CI installs it once per machine) and returns the
/// path of its command-line script.
/// </summary>
public static class S3rverInstaller
{
    /// <summary>The s3rver version the tests use.</summary>
    public const string Version = "3.7.1";

    /// <summary>The cache folder (see <see cref="NpmPackageInstaller.CacheRoot"/>).</summary>
    public static string CacheRoot => NpmPackageInstaller.CacheRoot;

    /// <summary>The folder s3rver is installed in.</summary>
    public static string InstallFolder => NpmPackageInstaller.InstallFolder("s3rver", Version);

    /// <summary>Returns the path of <c>s3rver/bin/s3rver.js</c>, installing s3rver with npm when it is missing.</summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed; the message holds npm's output.</exception>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default) =>
        NpmPackageInstaller.EnsureInstalledAsync("s3rver", Version, "bin/s3rver.js", cancellationToken);
}
