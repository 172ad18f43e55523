using System.Globalization;
using System.Text;
using AppBuilder.Storage;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary><c>view</c>: shows a text file with numbered lines (optionally only some line ranges), or lists a folder.</summary>
internal sealed class ViewTool(IOptions<AgentOptions> options) : AgentTool(AgentToolNames.View,
    "Read a file. Lines are numbered (number, tab, text) so you can use them with line_replace. Use 'lines' to read " +
    "only parts of a long file, e.g. \"1-40, 80-100\". Viewing a folder (use \".\" for the project root) lists the " +
    "files in it.",
    """
    {
      "type": "object",
      "properties": {
        "file_path": { "type": "string", "description": "Project-relative path of a file or folder." },
        "lines": { "type": "string", "description": "Optional line ranges, e.g. \"1-40, 80-100\". Omit to read the whole file." }
      },
      "required": ["file_path"],
      "additionalProperties": false
    }
    """)
{
    private const int MaxListedEntries = 500;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var raw = arguments.GetRequiredString("file_path");
        var path = Sandboxes.SandboxPath.Normalize(raw, allowRoot: true);
        var linesArgument = arguments.GetOptionalString("lines");
        var files = context.Sandbox.Files;
        var entry = path.Length == 0
            ? null
            : await TextFiles.GetExistingAsync(files, path, cancellationToken).ConfigureAwait(false);
        if (path.Length == 0 || entry!.IsDirectory)
        {
            return await ListFolderAsync(files, path, cancellationToken).ConfigureAwait(false);
        }

        var text = await TextFiles.ReadTextAsync(files, path, cancellationToken).ConfigureAwait(false);
        var lines = TextFiles.SplitLines(text);
        var maxChars = options.Value.ViewMaxChars;
        var sb = new StringBuilder();
        if (lines.Count == 0)
        {
            return $"{path} is empty.";
        }

        var ranges = string.IsNullOrWhiteSpace(linesArgument)
            ? [(1, lines.Count)]
            : LineRanges.Parse(linesArgument, lines.Count);
        sb.Append(CultureInfo.InvariantCulture, $"{path} ({lines.Count} lines)\n");
        for (var r = 0; r < ranges.Count; r++)
        {
            var (first, last) = ranges[r];
            if (r > 0)
            {
                sb.Append("   ...\n");
            }

            for (var n = first; n <= last; n++)
            {
                var before = sb.Length;
                TextFiles.AppendNumbered(sb, lines, n, n - 1, 1);
                if (sb.Length > maxChars)
                {
                    sb.Length = before;
                    sb.Append(CultureInfo.InvariantCulture,
                        $"[output stops at line {n - 1} because it reached {maxChars} characters; view the rest with lines=\"{n}-{last}\"]\n");
                    return sb.ToString();
                }
            }
        }

        return sb.ToString();
    }

    private static async Task<string> ListFolderAsync(Sandboxes.ISandboxFileSystem files, string path, CancellationToken cancellationToken)
    {
        var entries = await files.ListAsync(path, recursive: true, SnapshotSandboxExtensions.ExcludedFolders, cancellationToken)
            .ConfigureAwait(false);
        var sb = new StringBuilder();
        var label = path.Length == 0 ? "the project root" : path + "/";
        var fileCount = entries.Count(e => !e.IsDirectory);
        sb.Append(CultureInfo.InvariantCulture, $"{label} holds {fileCount} files (node_modules, dist and .git not listed):\n");
        foreach (var entry in entries.Take(MaxListedEntries))
        {
            sb.Append(entry.Path);
            sb.Append(entry.IsDirectory ? "/\n" : string.Create(CultureInfo.InvariantCulture, $"  ({entry.Size} bytes)\n"));
        }

        if (entries.Count > MaxListedEntries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{entries.Count - MaxListedEntries} more entries not shown; view a sub-folder]\n");
        }

        return sb.ToString();
    }
}
