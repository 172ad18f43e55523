namespace AppBuilder.Sandboxes.Local;

/// <summary>Finds the host's <c>node</c> so that its install folder can be mounted inside bubblewrap.</summary>
internal static class NodeInstall
{
    private static readonly Lazy<string?> LazyPrefix = new(FindPrefix);

    /// <summary>The install prefix of the <c>node</c> found on <c>PATH</c> (the folder above its <c>bin</c>), or null.</summary>
    public static string? Prefix => LazyPrefix.Value;

    /// <summary>The folder holding the <c>node</c> executable found on <c>PATH</c>, or null.</summary>
    public static string? BinFolder => Prefix is null ? null : Path.Join(Prefix, "bin");

    private static string? FindPrefix()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(folder, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var real = Internal.RealPath.Resolve(candidate);
            var bin = Path.GetDirectoryName(real);
            return bin is null ? null : Path.GetDirectoryName(bin);
        }

        return null;
    }
}
