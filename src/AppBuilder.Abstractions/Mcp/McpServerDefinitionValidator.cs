namespace AppBuilder.Mcp;

/// <summary>Checks MCP server names and definitions, for host configuration and for the project API alike.</summary>
public static class McpServerDefinitionValidator
{
    /// <summary>The longest server name.</summary>
    public const int MaxNameLength = 32;

    private const int MaxValueLength = 8 * 1024;
    private const int MaxEntries = 64;

    /// <summary>Whether <paramref name="name"/> is 1-32 ASCII letters, digits, '-' or '_' (it prefixes the server's
    /// tool names, <c>{name}__{tool}</c>).</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Returns what is wrong with a definition (one message naming the field), or <see langword="null"/>
    /// when it is valid. Messages never contain header or environment values.</summary>
    public static string? Validate(string name, McpServerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!IsValidName(name))
        {
            return $"The MCP server name must be 1-{MaxNameLength} letters, digits, '-' or '_'.";
        }

        return definition.Type switch
        {
            McpServerTypes.Stdio => ValidateStdio(name, definition),
            McpServerTypes.Http => ValidateHttp(name, definition),
            _ => $"MCP server '{name}': type must be '{McpServerTypes.Stdio}' or '{McpServerTypes.Http}'.",
        } ?? ValidateFilters(name, definition);
    }

    private static string? ValidateStdio(string name, McpServerDefinition d)
    {
        if (string.IsNullOrWhiteSpace(d.Command) || HasControl(d.Command) || d.Command.Length > 1024)
        {
            return $"MCP server '{name}': a stdio server needs a command (at most 1024 characters, no control characters).";
        }

        if (d.Url is not null)
        {
            return $"MCP server '{name}': a stdio server has no url.";
        }

        if (d.Args.Count > MaxEntries || d.Args.Any(a => a is null || a.Length > MaxValueLength || a.Contains('\0', StringComparison.Ordinal)))
        {
            return $"MCP server '{name}': args must be at most {MaxEntries} strings of at most {MaxValueLength} characters, without NUL.";
        }

        if (d.Env.Count > MaxEntries)
        {
            return $"MCP server '{name}': env holds more than {MaxEntries} variables.";
        }

        foreach (var (key, value) in d.Env)
        {
            if (!IsEnvName(key))
            {
                return $"MCP server '{name}': env names must be letters, digits and '_', not starting with a digit.";
            }

            if (value is null || value.Length > MaxValueLength || value.Contains('\0', StringComparison.Ordinal))
            {
                return $"MCP server '{name}': the value of env '{key}' must be at most {MaxValueLength} characters, without NUL.";
            }
        }

        return d.Cwd is { } cwd && (cwd.Length > 1024 || HasControl(cwd))
            ? $"MCP server '{name}': cwd must be at most 1024 characters, without control characters."
            : null;
    }

    private static string? ValidateHttp(string name, McpServerDefinition d)
    {
        if (!Uri.TryCreate(d.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || d.Url!.Length > 2048)
        {
            return $"MCP server '{name}': an http server needs an absolute http or https url (at most 2048 characters).";
        }

        if (d.Command is not null || d.Args.Count > 0 || d.Env.Count > 0 || d.Cwd is not null)
        {
            return $"MCP server '{name}': an http server has no command, args, env or cwd.";
        }

        if (d.Transport is not (McpHttpTransports.Auto or McpHttpTransports.StreamableHttp or McpHttpTransports.Sse))
        {
            return $"MCP server '{name}': transport must be '{McpHttpTransports.StreamableHttp}', '{McpHttpTransports.Sse}' or '{McpHttpTransports.Auto}'.";
        }

        if (d.Headers.Count > MaxEntries)
        {
            return $"MCP server '{name}': headers holds more than {MaxEntries} entries.";
        }

        foreach (var (key, value) in d.Headers)
        {
            if (string.IsNullOrEmpty(key) || key.Length > 256 || !key.All(IsTokenChar))
            {
                return $"MCP server '{name}': a header name is not a valid HTTP token.";
            }

            if (value is null || value.Length > MaxValueLength || HasControl(value))
            {
                return $"MCP server '{name}': the value of header '{key}' must be at most {MaxValueLength} characters, without control characters.";
            }
        }

        return null;
    }

    private static string? ValidateFilters(string name, McpServerDefinition d)
    {
        foreach (var pattern in d.AllowTools.Concat(d.DenyTools))
        {
            if (string.IsNullOrEmpty(pattern) || pattern.Length > 256 || HasControl(pattern))
            {
                return $"MCP server '{name}': allowTools and denyTools entries must be 1-256 characters, without control characters.";
            }
        }

        return d.AllowTools.Count + d.DenyTools.Count > 4 * MaxEntries
            ? $"MCP server '{name}': allowTools and denyTools hold too many entries."
            : null;
    }

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static bool IsEnvName(string key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 256 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
