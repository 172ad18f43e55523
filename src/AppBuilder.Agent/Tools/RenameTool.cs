using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary><c>rename</c>: renames or moves a file or folder; an existing destination is refused.</summary>
internal sealed class RenameTool() : AgentTool(AgentToolNames.Rename,
    "Rename or move a file or folder. The destination must not exist yet. Update imports that used the old path.",
    """
    {
      "type": "object",
      "properties": {
        "original_file_path": { "type": "string", "description": "Current project-relative path." },
        "new_file_path": { "type": "string", "description": "New project-relative path." }
      },
      "required": ["original_file_path", "new_file_path"],
      "additionalProperties": false
    }
    """)
{
    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var source = TextFiles.NormalizePath(arguments.GetRequiredString("original_file_path"));
        var destination = TextFiles.NormalizePath(arguments.GetRequiredString("new_file_path"));
        var files = context.Sandbox.Files;
        if (source == destination)
        {
            throw new ToolException("original_file_path and new_file_path are the same.");
        }

        await TextFiles.GetExistingAsync(files, source, cancellationToken).ConfigureAwait(false);
        if (await files.GetEntryAsync(destination, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ToolException($"'{destination}' already exists; delete it first or choose another name.");
        }

        if (destination.StartsWith(source + "/", StringComparison.Ordinal))
        {
            throw new ToolException($"cannot move '{source}' into itself.");
        }

        await files.MoveAsync(source, destination, overwrite: false, cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(destination, FileChangeKind.Renamed, source));
        return $"Renamed {source} to {destination}.";
    }
}
