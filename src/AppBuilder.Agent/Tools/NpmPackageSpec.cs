namespace AppBuilder.Agent.Tools;

/// <summary>
/// Validates npm package specs before anything runs, following npm's naming rules
/// (validate-npm-package-name, new-package rules): at most 214 characters, lowercase, URL-safe characters only,
/// no leading <c>.</c> or <c>_</c>, an optional <c>@scope/</c>, and an optional <c>@version-or-range</c> or dist-tag
/// from a small safe character set. URLs, paths, git and <c>file:</c> specs, aliases and flags are refused.
/// </summary>
internal static class NpmPackageSpec
{
    public const int MaxNameLength = 214;
    public const int MaxVersionLength = 100;

    private const string Examples = "Use a registry package such as lucide-react, date-fns@^3.6.0 or @scope/name@1.2.3.";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "node_modules", "favicon.ico" };

    private static readonly HashSet<string> BuiltIns = new(StringComparer.Ordinal)
    {
        "assert", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram", "dns", "domain",
        "events", "fs", "http", "http2", "https", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
        "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "tty", "url", "util",
        "v8", "vm", "worker_threads", "zlib",
    };

    /// <summary>Splits and validates an install spec: a name with an optional <c>@version</c>, range or tag.</summary>
    /// <exception cref="ToolException">The spec is not a plain registry package spec.</exception>
    public static (string Name, string? Version) ParseInstallSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var at = spec.IndexOf('@', spec.StartsWith('@') ? 1 : 0);
        var name = at < 0 ? spec : spec[..at];
        var version = at < 0 ? null : spec[(at + 1)..];
        ValidateName(name, spec);
        if (version is not null)
        {
            ValidateVersion(version, spec);
        }

        return (name, version);
    }

    /// <summary>Validates a bare package name (no version), as <c>npm uninstall</c> takes.</summary>
    /// <exception cref="ToolException">The name breaks npm's naming rules.</exception>
    public static string ValidateName(string name) => ValidateName(name, name);

    private static string ValidateName(string name, string spec)
    {
        if (name.Length == 0)
        {
            throw Invalid(spec, "the package name is empty");
        }

        if (name.Length > MaxNameLength)
        {
            throw Invalid(spec, $"package names are at most {MaxNameLength} characters");
        }

        if (name.Trim().Length != name.Length)
        {
            throw Invalid(spec, "it has leading or trailing spaces");
        }

        if (name.StartsWith('@'))
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || slash != name.LastIndexOf('/'))
            {
                throw Invalid(spec, "a scoped name looks like @scope/name");
            }

            ValidatePart(name[1..slash], spec, "scope");
            ValidatePart(name[(slash + 1)..], spec, "name");
        }
        else
        {
            ValidatePart(name, spec, "name");
            if (Reserved.Contains(name))
            {
                throw Invalid(spec, $"'{name}' is a reserved name");
            }

            if (BuiltIns.Contains(name))
            {
                throw Invalid(spec, $"'{name}' is a Node.js built-in module, not something to install (and not available in the browser)");
            }
        }

        return name;
    }

    private static void ValidatePart(string part, string spec, string what)
    {
        if (part.Length == 0)
        {
            throw Invalid(spec, $"the {what} is empty");
        }

        if (part[0] is '.' or '_' or '-')
        {
            throw Invalid(spec, $"the {what} must not start with '{part[0]}'");
        }

        foreach (var c in part)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                throw Invalid(spec, "package names are lowercase");
            }

            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_'))
            {
                throw Invalid(spec, $"'{Printable(c)}' is not allowed in a package {what} (only a-z, 0-9, '-', '.' and '_')");
            }
        }
    }

    private static void ValidateVersion(string version, string spec)
    {
        if (version.Length == 0)
        {
            throw Invalid(spec, "nothing follows the '@'; give a version, range or tag, or leave the '@' out");
        }

        if (version.Length > MaxVersionLength)
        {
            throw Invalid(spec, $"the version part is longer than {MaxVersionLength} characters");
        }

        if (version[0] is '-' or ' ')
        {
            throw Invalid(spec, "the version part must not start with '-' or a space");
        }

        var meaningful = false;
        foreach (var c in version)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '*')
            {
                meaningful = true;
            }
            else if (c is not ('.' or '^' or '~' or '<' or '>' or '=' or '|' or '+' or '-' or '_' or ' '))
            {
                throw Invalid(spec,
                    $"'{Printable(c)}' is not allowed in a version, range or tag (URLs, paths, git and file: specs are not supported)");
            }
        }

        if (!meaningful)
        {
            throw Invalid(spec, "the version part holds no version, range or tag");
        }
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();

    private static ToolException Invalid(string spec, string reason) =>
        new($"'{TextFiles.Shorten(spec.Replace("\0", "\\0", StringComparison.Ordinal), 120)}' is not a valid npm package spec: {reason}. {Examples}");
}
