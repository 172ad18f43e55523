namespace AppBuilder.Storage;

/// <summary>Where the file-system stores keep their data. Bound from the configuration section
/// <see cref="SectionName"/>.</summary>
public sealed class FileStorageOptions
{
    /// <summary>The configuration section these options are bound from: <c>AppBuilder:Storage</c>.</summary>
    public const string SectionName = "AppBuilder:Storage";

    /// <summary>
    /// The folder holding project records, chat histories and snapshots; relative paths are resolved against the
    /// current directory when the stores start. Default <c>.appbuilder/data</c>.
    /// </summary>
    public string Root { get; set; } = ".appbuilder/data";
}
