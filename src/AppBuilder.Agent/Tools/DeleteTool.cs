using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary><c>delete</c>: removes a file, or a folder with everything in it.</summary>
internal sealed class DeleteTool() : AgentTool(AgentToolNames.Delete,
    "Delete a file, or a folder with everything in it. Remove imports of a deleted file elsewhere.",
    """
    {
      "type": "object",
      "properties": {
        "file_path": { "type": "string", "description": "Project-relative path of the file or folder to delete." }
      },
      "required": ["file_path"],
      "additionalProperties": false
    }
    """)
{
    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var path = TextFiles.NormalizePath(arguments.GetRequiredString("file_path"));
        var entry = await TextFiles.GetExistingAsync(context.Sandbox.Files, path, cancellationToken).ConfigureAwait(false);
        if (!await context.Sandbox.Files.RemoveAsync(path, cancellationToken).ConfigureAwait(false))
        {
            throw new ToolException($"'{path}' does not exist.");
        }

        context.Emit(new FileChangedEvent(path, FileChangeKind.Deleted));
        return entry.IsDirectory ? $"Deleted folder {path} and everything in it." : $"Deleted {path}.";
    }
}
