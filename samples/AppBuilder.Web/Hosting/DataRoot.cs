namespace AppBuilder.Web.Hosting;

/// <summary>
/// The folder under which the sample keeps everything it writes (configuration key <c>Web:DataRoot</c>, default
/// <c>.appbuilder</c> under the content root): project records and snapshots, sandboxes, accounts and cookie keys.
/// </summary>
public sealed class DataRoot(string path)
{
    /// <summary>The configuration key.</summary>
    public const string ConfigurationKey = "Web:DataRoot";

    /// <summary>The absolute path of the data root.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Resolves a path relative to the data root; absolute paths are returned unchanged.</summary>
    public string Resolve(string relativeOrAbsolute) =>
        System.IO.Path.IsPathRooted(relativeOrAbsolute) ? relativeOrAbsolute : System.IO.Path.Combine(Path, relativeOrAbsolute);

    /// <summary>Reads the data root from configuration, relative to the content root.</summary>
    public static DataRoot FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[ConfigurationKey];
        var path = string.IsNullOrWhiteSpace(configured) ? ".appbuilder" : configured;
        return new DataRoot(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(contentRoot, path));
    }

    /// <summary>
    /// Adds, at the lowest priority, defaults that place AppBuilder's file storage and local sandboxes under the
    /// data root. Anything set in appsettings, environment variables or the command line still wins.
    /// </summary>
    public void AddDefaultsTo(IConfigurationBuilder configuration)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["AppBuilder:Storage:Root"] = Resolve("data"),
            ["AppBuilder:Sandbox:Local:WorkRoot"] = Resolve("sandboxes"),
        };
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
    }
}
