namespace AppBuilder.EndToEnd.Tests.Core;

/// <summary>
/// The dependency cache the end-to-end tests share. Preparing node_modules for the template takes one npm install;
/// keeping the cache in a per-machine folder makes later runs warm, as a real host's cache would be. The cache is
/// content-addressed by the template's lockfile, so it never holds another test's project files.
/// </summary>
internal static class SharedDependencyCache
{
    public static string Root { get; } = Environment.GetEnvironmentVariable("APPBUILDER_TEST_CACHE") is { Length: > 0 } dir
        ? Path.Combine(dir, "dependency-cache")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "appbuilder-test", "dependency-cache");
}
