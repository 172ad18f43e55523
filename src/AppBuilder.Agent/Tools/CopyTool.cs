using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary><c>copy</c>: copies a file, replacing the destination if it exists.</summary>
internal sealed class CopyTool() : AgentTool(AgentToolNames.Copy,
    "Copy a file to a new path (parent folders are created; an existing destination file is replaced).",
    """
    {
      "type": "object",
      "properties": {
        "source_file_path": { "type": "string", "description": "Project-relative path of the file to copy." },
        "destination_file_path": { "type": "string", "description": "Project-relative path of the copy." }
      },
      "required": ["source_file_path", "destination_file_path"],
      "additionalProperties": false
    }
    """)
{
    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var source = TextFiles.NormalizePath(arguments.GetRequiredString("source_file_path"));
        var destination = TextFiles.NormalizePath(arguments.GetRequiredString("destination_file_path"));
        var files = context.Sandbox.Files;
        if (source == destination)
        {
            throw new ToolException("source_file_path and destination_file_path are the same.");
        }

        var entry = await TextFiles.GetExistingAsync(files, source, cancellationToken).ConfigureAwait(false);
        if (entry.IsDirectory)
        {
            throw new ToolException($"'{source}' is a folder; copy copies single files.");
        }

        var existing = await files.GetEntryAsync(destination, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            throw new ToolException($"'{destination}' is a folder; give the path of the new file.");
        }

        var content = await files.ReadAsync(source, cancellationToken).ConfigureAwait(false);
        await files.WriteAsync(destination, content, cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(destination, existing is null ? FileChangeKind.Created : FileChangeKind.Changed));
        return $"Copied {source} to {destination} ({content.Length} bytes).";
    }
}
