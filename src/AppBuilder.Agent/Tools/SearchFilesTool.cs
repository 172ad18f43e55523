using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>search_files</c>: a regular-expression search over project files, in process (no shell). Include and exclude
/// globs use <see cref="Matcher"/>; a glob without a <c>/</c> matches in every folder. node_modules, dist and .git
/// are never searched; binary and very large files are skipped.
/// </summary>
internal sealed class SearchFilesTool(IOptions<AgentOptions> options) : AgentTool(AgentToolNames.SearchFiles,
    "Search the project's files with a regular expression (.NET syntax) and list matching lines as " +
    "path:line: text. Narrow the search with include_pattern / exclude_pattern globs such as \"src/**/*.tsx\" or " +
    "\"*.css\" (several separated by commas). Case-insensitive unless case_sensitive is true. node_modules, dist " +
    "and .git are not searched.",
    """
    {
      "type": "object",
      "properties": {
        "query": { "type": "string", "description": "Regular expression to find, e.g. \"useState\\\\(\" or \"className=.*bg-\"." },
        "include_pattern": { "type": "string", "description": "Optional glob(s) of files to search, e.g. \"src/**/*.tsx\"." },
        "exclude_pattern": { "type": "string", "description": "Optional glob(s) of files to skip, e.g. \"**/*.test.tsx\"." },
        "case_sensitive": { "type": "boolean", "description": "Match case exactly. Default false." }
      },
      "required": ["query"],
      "additionalProperties": false
    }
    """)
{
    /// <summary>Folders never searched.</summary>
    internal static readonly IReadOnlyCollection<string> SkippedFolders =
        new HashSet<string>(StringComparer.Ordinal) { "node_modules", "dist", ".git" };

    private const int MaxLineChars = 240;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var query = arguments.GetRequiredString("query");
        if (query.Length == 0)
        {
            throw new ToolException("'query' must not be empty.");
        }

        var include = arguments.GetOptionalString("include_pattern");
        var exclude = arguments.GetOptionalString("exclude_pattern");
        var caseSensitive = arguments.GetOptionalBool("case_sensitive") ?? false;
        var settings = options.Value;

        Regex regex;
        try
        {
            var regexOptions = RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            regex = new Regex(query, regexOptions, settings.SearchRegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ToolException($"'query' is not a valid regular expression: {e.Message}");
        }

        var matcher = BuildMatcher(include, exclude);
        var files = context.Sandbox.Files;
        var entries = await files.ListAsync("", recursive: true, SkippedFolders, cancellationToken).ConfigureAwait(false);
        var results = new StringBuilder();
        var matches = 0;
        var searched = 0;
        var truncated = false;
        foreach (var entry in entries)
        {
            if (entry.IsDirectory || entry.Size > settings.SearchMaxFileBytes || !matcher.Match(entry.Path).HasMatches
                || IsInSkippedFolder(entry.Path))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await files.ReadAsync(entry.Path, cancellationToken).ConfigureAwait(false);
            if (TextFiles.IsBinary(bytes))
            {
                continue;
            }

            searched++;
            var lines = TextFiles.SplitLines(Encoding.UTF8.GetString(bytes));
            for (var i = 0; i < lines.Count; i++)
            {
                bool isMatch;
                try
                {
                    isMatch = regex.IsMatch(lines[i]);
                }
                catch (RegexMatchTimeoutException)
                {
                    throw new ToolException(
                        $"the regular expression took too long on {entry.Path} line {i + 1}; simplify it (avoid nested quantifiers).");
                }

                if (!isMatch)
                {
                    continue;
                }

                if (matches == settings.SearchMaxResults)
                {
                    truncated = true;
                    break;
                }

                matches++;
                results.Append(CultureInfo.InvariantCulture, $"{entry.Path}:{i + 1}: {TextFiles.Shorten(lines[i].Trim(), MaxLineChars)}\n");
            }

            if (truncated)
            {
                break;
            }
        }

        if (matches == 0)
        {
            return $"No matches for /{query}/ in {searched} files searched.";
        }

        if (truncated)
        {
            results.Append(CultureInfo.InvariantCulture,
                $"[stopped after {settings.SearchMaxResults} matches; narrow the query or include_pattern]\n");
        }

        return results.ToString();
    }

    private static Matcher BuildMatcher(string? include, string? exclude)
    {
        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        var includes = SplitGlobs(include);
        if (includes.Count == 0)
        {
            matcher.AddInclude("**/*");
        }

        foreach (var glob in includes)
        {
            matcher.AddInclude(glob);
        }

        foreach (var glob in SplitGlobs(exclude))
        {
            matcher.AddExclude(glob);
        }

        return matcher;
    }

    private static List<string> SplitGlobs(string? globs)
    {
        var list = new List<string>();
        if (string.IsNullOrWhiteSpace(globs))
        {
            return list;
        }

        foreach (var raw in globs.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var glob = raw.Replace('\\', '/');
            if (glob.StartsWith("./", StringComparison.Ordinal))
            {
                glob = glob[2..];
            }

            glob = glob.TrimStart('/');
            if (glob.Length == 0)
            {
                continue;
            }

            list.Add(glob.Contains('/', StringComparison.Ordinal) ? glob : "**/" + glob);
        }

        return list;
    }

    private static bool IsInSkippedFolder(string path)
    {
        foreach (var segment in SandboxPath.GetParent(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (SkippedFolders.Contains(segment))
            {
                return true;
            }
        }

        return false;
    }
}
