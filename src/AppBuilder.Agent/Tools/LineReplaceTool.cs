using System.Globalization;
using System.Text;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>line_replace</c>: replaces lines <c>first_replaced_line</c>..<c>last_replaced_line</c> of a file, after checking
/// that they still read <c>search</c> (each line compared with surrounding whitespace trimmed). A line that is just
/// <c>...</c> in <c>search</c> stands for any number of lines, so a long block can be named by its first and last lines.
/// </summary>
internal sealed class LineReplaceTool() : AgentTool(AgentToolNames.LineReplace,
    "Replace a range of lines in an existing file. 'search' must be the exact current text of lines " +
    "first_replaced_line..last_replaced_line (view the file first to get the line numbers). For a long range you may " +
    "write the first lines, a line containing only ..., and the last lines. 'replace' is the new text for the whole " +
    "range (empty to delete the lines). Line numbers shift after an edit: view the file again before the next edit " +
    "lower down, or edit from the bottom up.",
    """
    {
      "type": "object",
      "properties": {
        "file_path": { "type": "string", "description": "Project-relative path of the file." },
        "search": { "type": "string", "description": "The current text of the lines being replaced." },
        "first_replaced_line": { "type": "integer", "minimum": 1, "description": "First line to replace (1-based)." },
        "last_replaced_line": { "type": "integer", "minimum": 1, "description": "Last line to replace (inclusive)." },
        "replace": { "type": "string", "description": "The new text for those lines." }
      },
      "required": ["file_path", "search", "first_replaced_line", "last_replaced_line", "replace"],
      "additionalProperties": false
    }
    """)
{
    private const int MaxShownLines = 60;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var path = TextFiles.NormalizePath(arguments.GetRequiredString("file_path"));
        var search = arguments.GetRequiredString("search");
        var first = arguments.GetRequiredInt("first_replaced_line");
        var last = arguments.GetRequiredInt("last_replaced_line");
        var replace = arguments.GetRequiredString("replace");
        var files = context.Sandbox.Files;
        var text = await TextFiles.ReadTextAsync(files, path, cancellationToken).ConfigureAwait(false);
        var lines = TextFiles.SplitLines(text);

        if (first < 1 || last < first)
        {
            throw new ToolException($"first_replaced_line ({first}) must be at least 1 and not after last_replaced_line ({last}).");
        }

        if (last > lines.Count)
        {
            throw new ToolException($"{path} has {lines.Count} lines, so lines {first}-{last} do not exist. View the file again.");
        }

        var current = lines.GetRange(first - 1, last - first + 1);
        if (!Matches(TextFiles.SplitLines(search), current))
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture,
                $"the search text does not match lines {first}-{last} of {path}; nothing was changed. Those lines currently read:\n");
            TextFiles.AppendNumbered(sb, current, first, 0, MaxShownLines);
            if (current.Count > MaxShownLines)
            {
                sb.Append(CultureInfo.InvariantCulture, $"   ... ({current.Count - MaxShownLines} more lines)\n");
            }

            sb.Append("View the file again and retry with its exact current text and line numbers.");
            throw new ToolException(sb.ToString());
        }

        var replacement = replace.Length == 0 ? [] : TextFiles.SplitLines(replace.EndsWith('\n') ? replace : replace + "\n");
        lines.RemoveRange(first - 1, last - first + 1);
        lines.InsertRange(first - 1, replacement);

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var endsWithNewline = text.EndsWith('\n') || text.Length == 0;
        var updated = string.Join(newline, lines) + (endsWithNewline && lines.Count > 0 ? newline : "");
        await files.WriteAsync(path, Encoding.UTF8.GetBytes(updated), cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(path, FileChangeKind.Changed));

        var result = new StringBuilder();
        result.Append(CultureInfo.InvariantCulture,
            $"Replaced lines {first}-{last} of {path} with {replacement.Count} line(s); the file now has {lines.Count} lines.");
        if (replacement.Count > 0)
        {
            result.Append(" The new lines:\n");
            TextFiles.AppendNumbered(result, replacement, first, 0, MaxShownLines);
        }

        return result.ToString();
    }

    /// <summary>Compares search lines with the current lines, trimming each; a <c>...</c> line matches any run of lines.</summary>
    internal static bool Matches(IReadOnlyList<string> search, IReadOnlyList<string> current)
    {
        var ellipsis = -1;
        for (var i = 0; i < search.Count; i++)
        {
            var trimmed = search[i].Trim();
            if (trimmed is "..." or "…")
            {
                ellipsis = i;
                break;
            }
        }

        if (ellipsis < 0)
        {
            return search.Count == current.Count && search.Select((s, i) => Same(s, current[i])).All(same => same);
        }

        var head = search.Take(ellipsis).ToList();
        var tail = search.Skip(ellipsis + 1).ToList();
        if (head.Count + tail.Count > current.Count)
        {
            return false;
        }

        for (var i = 0; i < head.Count; i++)
        {
            if (!Same(head[i], current[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < tail.Count; i++)
        {
            if (!Same(tail[i], current[current.Count - tail.Count + i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(string a, string b) => a.Trim().Equals(b.Trim(), StringComparison.Ordinal);
}
