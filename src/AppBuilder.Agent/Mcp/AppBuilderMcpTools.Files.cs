using System.ComponentModel;
using System.Text;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

internal sealed partial class AppBuilderMcpTools
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [McpServerTool(Name = "list_files", Title = "List project files", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists every file and folder of a project (without node_modules, .git and build output), with sizes in bytes.")]
    public Task<CallToolResult> ListFilesAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id (from list_projects or create_project).")] string projectId,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            var sandbox = await backend.OpenSandboxAsync(project, cancellationToken).ConfigureAwait(false);
            var excluded = SnapshotSandboxExtensions.ExcludedFolders;
            var entries = await sandbox.Files.ListAsync("", recursive: true, excluded, cancellationToken).ConfigureAwait(false);
            return McpToolResults.Ok(new
            {
                files = entries
                    .Where(e => !e.Path.Split('/').Any(excluded.Contains))
                    .OrderBy(e => e.Path, StringComparer.Ordinal)
                    .Select(e => new { path = e.Path, isDirectory = e.IsDirectory, size = e.IsDirectory ? 0 : e.Size })
                    .ToArray(),
            });
        }, cancellationToken);

    [McpServerTool(Name = "read_file", Title = "Read a project file", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns the text of one project file. Paths are relative to the project root, e.g. src/App.tsx.")]
    public Task<CallToolResult> ReadFileAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        [Description("The file's path relative to the project root.")] string path,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            if (!TryNormalize(path, out var normalized, out var error))
            {
                return error;
            }

            var sandbox = await backend.OpenSandboxAsync(project, cancellationToken).ConfigureAwait(false);
            try
            {
                var entry = await sandbox.Files.GetEntryAsync(normalized, cancellationToken).ConfigureAwait(false);
                if (entry is null)
                {
                    return McpToolResults.Error($"File '{normalized}' not found.");
                }

                if (entry.IsDirectory)
                {
                    return McpToolResults.Error($"'{normalized}' is a folder, not a file.");
                }

                if (entry.Size > options.Value.MaxFileBytes)
                {
                    return McpToolResults.Error($"'{normalized}' is larger than {options.Value.MaxFileBytes} bytes.");
                }

                var bytes = await sandbox.Files.ReadAsync(normalized, cancellationToken).ConfigureAwait(false);
                string text;
                try
                {
                    text = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    return McpToolResults.Error($"'{normalized}' is not a UTF-8 text file ({bytes.Length} bytes).");
                }

                return McpToolResults.Text(text);
            }
            catch (SandboxPathException ex)
            {
                return McpToolResults.Error(ex.Message);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return McpToolResults.Error($"File '{normalized}' not found.");
            }
            catch (UnauthorizedAccessException)
            {
                return McpToolResults.Error($"'{normalized}' is a folder or cannot be read.");
            }
        }, cancellationToken);

    [McpServerTool(Name = "write_file", Title = "Write a project file", Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Creates or replaces one project file with the given text; folders are created as needed. The preview " +
        "reloads by itself. Paths are relative to the project root and may not leave it.")]
    public Task<CallToolResult> WriteFileAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's id.")] string projectId,
        [Description("The file's path relative to the project root, e.g. src/App.tsx.")] string path,
        [Description("The file's whole new text.")] string content,
        CancellationToken cancellationToken = default) =>
        WithProjectAsync(context, projectId, async project =>
        {
            if (!TryNormalize(path, out var normalized, out var error))
            {
                return error;
            }

            content ??= "";
            var bytes = Encoding.UTF8.GetBytes(content);
            if (bytes.Length > options.Value.MaxFileBytes)
            {
                return McpToolResults.Error($"The file is larger than {options.Value.MaxFileBytes} bytes.");
            }

            var sandbox = await backend.OpenSandboxAsync(project, cancellationToken).ConfigureAwait(false);
            try
            {
                var existed = await sandbox.Files.ExistsAsync(normalized, cancellationToken).ConfigureAwait(false);
                await sandbox.Files.WriteAsync(normalized, bytes, cancellationToken).ConfigureAwait(false);
                await backend.OnFileWrittenAsync(project, normalized, created: !existed, cancellationToken).ConfigureAwait(false);
                return McpToolResults.Ok(new { path = normalized, bytes = bytes.Length, created = !existed });
            }
            catch (SandboxPathException ex)
            {
                return McpToolResults.Error(ex.Message);
            }
            catch (UnauthorizedAccessException)
            {
                return McpToolResults.Error($"'{normalized}' is a folder or cannot be written.");
            }
            catch (IOException)
            {
                return McpToolResults.Error($"'{normalized}' cannot be written: it is a folder, or a part of its folder path is a file.");
            }
        }, cancellationToken);

    private static bool TryNormalize(string? path, out string normalized, out CallToolResult error)
    {
        try
        {
            normalized = SandboxPath.Normalize(path);
            error = null!;
            return true;
        }
        catch (SandboxPathException ex)
        {
            normalized = "";
            error = McpToolResults.Error(ex.Message);
            return false;
        }
    }
}
