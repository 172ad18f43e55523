using System.Text;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary><c>write</c>: creates or replaces a whole file.</summary>
internal sealed class WriteTool() : AgentTool(AgentToolNames.Write,
    "Create a file or replace its whole content. Parent folders are created. Use line_replace for small edits to " +
    "an existing file. Paths are relative to the project root, for example src/components/Header.tsx.",
    """
    {
      "type": "object",
      "properties": {
        "file_path": { "type": "string", "description": "Project-relative path of the file, e.g. src/App.tsx." },
        "content": { "type": "string", "description": "The complete new content of the file." }
      },
      "required": ["file_path", "content"],
      "additionalProperties": false
    }
    """)
{
    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var path = TextFiles.NormalizePath(arguments.GetRequiredString("file_path"));
        var content = arguments.GetRequiredString("content");
        var files = context.Sandbox.Files;
        var existing = await files.GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            throw new ToolException($"'{path}' is a folder; give the path of a file inside it.");
        }

        var bytes = Encoding.UTF8.GetBytes(content);
        await files.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(path, existing is null ? FileChangeKind.Created : FileChangeKind.Changed));
        var lines = TextFiles.SplitLines(content).Count;
        return existing is null
            ? $"Created {path} ({lines} lines, {bytes.Length} bytes)."
            : $"Replaced {path} ({lines} lines, {bytes.Length} bytes).";
    }
}
