namespace AppBuilder.Mcp;

/// <summary>
/// One MCP server whose tools join the agent's catalog: a host's (configuration <c>AppBuilder:Mcp:Servers:{name}</c>)
/// or a project's (stored with the project). A <c>stdio</c> server is a command the client starts and talks to over
/// its standard input and output — on the host for a host's server, inside the project's sandbox for a project's; an
/// <c>http</c> server is a URL (streamable HTTP or SSE).
/// </summary>
/// <remarks>The values of <see cref="Env"/> and <see cref="Headers"/> are secrets: AppBuilder never returns them from
/// its API, logs them, emits them as events or shows them to the model.</remarks>
public sealed record McpServerDefinition
{
    /// <summary><c>stdio</c> (the default) or <c>http</c>; see <see cref="McpServerTypes"/>.</summary>
    public string Type { get; init; } = McpServerTypes.Stdio;

    /// <summary>stdio: the program to start (looked up on <c>PATH</c>).</summary>
    public string? Command { get; init; }

    /// <summary>stdio: the program's arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>stdio: extra environment variables (secret values).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>stdio: the working folder; for a project's server, relative to the project root.</summary>
    public string? Cwd { get; init; }

    /// <summary>http: the server's endpoint (http or https).</summary>
    public string? Url { get; init; }

    /// <summary>http: <c>streamable-http</c>, <c>sse</c> or <c>auto</c> (the default: streamable HTTP, falling back to
    /// SSE); see <see cref="McpHttpTransports"/>.</summary>
    public string Transport { get; init; } = McpHttpTransports.Auto;

    /// <summary>http: extra request headers, such as <c>Authorization</c> (secret values).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tool names (as the server names them; <c>*</c> matches any run of characters) offered to the model;
    /// empty for all.</summary>
    public IReadOnlyList<string> AllowTools { get; init; } = [];

    /// <summary>Tool names (<c>*</c> wildcards) never offered, even when <see cref="AllowTools"/> matches.</summary>
    public IReadOnlyList<string> DenyTools { get; init; } = [];

    /// <summary>Whether the server is used; <see langword="false"/> keeps its definition without starting it.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Value equality over every property, lists and maps by content.</summary>
    public bool Equals(McpServerDefinition? other) =>
        other is not null &&
        Type == other.Type && Command == other.Command && Cwd == other.Cwd && Url == other.Url && Transport == other.Transport &&
        Enabled == other.Enabled && Args.SequenceEqual(other.Args) && AllowTools.SequenceEqual(other.AllowTools) &&
        DenyTools.SequenceEqual(other.DenyTools) && ContentEquals(Env, other.Env, StringComparer.Ordinal) &&
        ContentEquals(Headers, other.Headers, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Command, Url, Args.Count, Env.Count, Headers.Count, Enabled);

    /// <summary>Whether two maps hold the same keys (by <paramref name="keys"/>) with equal values.</summary>
    internal static bool ContentEquals<TValue>(IReadOnlyDictionary<string, TValue> a, IReadOnlyDictionary<string, TValue> b, StringComparer keys)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        var lookup = new Dictionary<string, TValue>(keys);
        foreach (var (key, value) in b)
        {
            lookup.TryAdd(key, value);
        }

        foreach (var (key, value) in a)
        {
            if (!lookup.TryGetValue(key, out var other) || !EqualityComparer<TValue>.Default.Equals(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
