using System.Text;
using System.Text.RegularExpressions;

namespace AppBuilder.Storage;

/// <summary>
/// The patterns of a project's <c>.appbuilderignore</c>, with gitignore's rules: one pattern a line; blank lines and
/// lines starting with <c>#</c> are skipped (<c>\#</c> and <c>\!</c> escape); <c>!</c> re-includes; a trailing
/// <c>/</c> matches folders only; a pattern with a <c>/</c> at the start or in the middle is anchored at the project
/// root, otherwise it matches at any depth; <c>*</c>, <c>?</c> and <c>[a-z]</c> stay within one path segment and
/// <c>**</c> spans segments. The last matching pattern wins, and a file inside an ignored folder stays ignored
/// (as in git, it cannot be re-included).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CheckpointIgnoreRules
{
    /// <summary>The file, at the project root, that the rules are read from.</summary>
    public const string FileName = ".appbuilderignore";

    /// <summary>A larger ignore file is refused (64 KiB).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly List<Rule> _rules;

    private CheckpointIgnoreRules(List<Rule> rules) => _rules = rules;

    /// <summary>Rules that ignore nothing.</summary>
    public static CheckpointIgnoreRules Empty { get; } = new([]);

    /// <summary>Whether there are no rules.</summary>
    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Parses the text of an ignore file.</summary>
    /// <exception cref="ArgumentException">The text is longer than <see cref="MaxFileBytes"/>.</exception>
    public static CheckpointIgnoreRules Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
        {
            throw new ArgumentException($"{FileName} is larger than {MaxFileBytes / 1024} KiB.", nameof(text));
        }

        var rules = new List<Rule>();
        foreach (var raw in text.Split('\n'))
        {
            if (Compile(raw.TrimEnd('\r')) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules.Count == 0 ? Empty : new CheckpointIgnoreRules(rules);
    }

    /// <summary>Whether the project file or folder at <paramref name="path"/> (normalised, project-relative) is
    /// ignored, itself or through one of its parent folders.</summary>
    public bool IsIgnored(string path, bool isDirectory = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_rules.Count == 0 || path.Length == 0)
        {
            return false;
        }

        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (Matches(path[..slash], isDirectory: true))
            {
                return true;
            }
        }

        return Matches(path, isDirectory);
    }

    private bool Matches(string path, bool isDirectory)
    {
        var ignored = false;
        foreach (var rule in _rules)
        {
            if (ignored == rule.Include && (isDirectory || !rule.DirectoryOnly) && rule.Pattern.IsMatch(path))
            {
                ignored = !rule.Include;
            }
        }

        return ignored;
    }

    private static Rule? Compile(string line)
    {
        // Trailing spaces are dropped unless escaped with a backslash.
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        var pattern = line[..end];
        if (pattern.Length == 0 || pattern[0] == '#')
        {
            return null;
        }

        var include = false;
        if (pattern[0] == '!')
        {
            include = true;
            pattern = pattern[1..];
        }
        else if (pattern.StartsWith("\\#", StringComparison.Ordinal) || pattern.StartsWith("\\!", StringComparison.Ordinal))
        {
            pattern = pattern[1..];
        }

        var directoryOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        var anchored = pattern.Contains('/');
        pattern = pattern.TrimStart('/');
        if (pattern.Length == 0)
        {
            return null;
        }

        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.*/)?");
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var atStart = i == 0 || pattern[i - 1] == '/';
                var atEnd = i + 2 == pattern.Length;
                if (atStart && !atEnd && pattern[i + 2] == '/')
                {
                    regex.Append("(?:.*/)?"); // "**/": zero or more folders
                    i += 2;
                }
                else if (atStart && atEnd)
                {
                    regex.Append(".*"); // "/**": everything inside
                    i += 1;
                }
                else
                {
                    regex.Append("[^/]*"); // "a**b" is two single-segment stars, as in git
                    i += 1;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && pattern.IndexOf(']', i + 2) is var close and > 0)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[');
                if (set[0] is '!' or '^')
                {
                    regex.Append('^');
                    set = set[1..];
                }

                regex.Append(set.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        try
        {
            return new Rule(new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout),
                include, directoryOnly);
        }
        catch (ArgumentException)
        {
            return null; // an invalid pattern (such as "[!]") matches nothing, as in git
        }
    }

    private sealed record Rule(Regex Pattern, bool Include, bool DirectoryOnly);
}
