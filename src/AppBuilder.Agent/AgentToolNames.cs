namespace AppBuilder.Agent;

/// <summary>The names of the built-in tools, exactly as the model sees them (and as replay transcripts use them).</summary>
public static class AgentToolNames
{
    /// <summary>Writes a whole file.</summary>
    public const string Write = "write";

    /// <summary>Reads a file (optionally line ranges) or lists a folder.</summary>
    public const string View = "view";

    /// <summary>Replaces a verified range of lines in a file.</summary>
    public const string LineReplace = "line_replace";

    /// <summary>Searches project files with a regular expression.</summary>
    public const string SearchFiles = "search_files";

    /// <summary>Deletes a file or folder.</summary>
    public const string Delete = "delete";

    /// <summary>Renames or moves a file or folder.</summary>
    public const string Rename = "rename";

    /// <summary>Copies a file.</summary>
    public const string Copy = "copy";

    /// <summary>Installs an npm package.</summary>
    public const string AddDependency = "add_dependency";

    /// <summary>Uninstalls an npm package.</summary>
    public const string RemoveDependency = "remove_dependency";

    /// <summary>Downloads a file from an http(s) URL into the project.</summary>
    public const string DownloadToRepo = "download_to_repo";

    /// <summary>Runs a command (argument vector) in the sandbox.</summary>
    public const string RunCommand = "run_command";

    /// <summary>Reads the preview's console and dev-server output.</summary>
    public const string ReadConsoleLogs = "read_console_logs";

    /// <summary>Reads the preview's network requests.</summary>
    public const string ReadNetworkRequests = "read_network_requests";

    /// <summary>Replaces and returns the session's todo list.</summary>
    public const string Todos = "todos";

    /// <summary>Reads a web page (http/https) as markdown.</summary>
    public const string FetchWebsite = "fetch_website";

    /// <summary>Searches the web; offered only when an <c>IWebSearchProvider</c> is registered.</summary>
    public const string WebSearch = "web_search";

    /// <summary>Generates an image into the project's <c>public/</c> folder; offered only when an image generator is registered.</summary>
    public const string GenerateImage = "generate_image";

    /// <summary>The tools that wait for the person's approval in supervised mode.</summary>
    public static IReadOnlyCollection<string> ApprovalRequired { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Write, LineReplace, Delete, Rename, Copy, AddDependency, RemoveDependency, DownloadToRepo, RunCommand,
        GenerateImage,
    };
}
