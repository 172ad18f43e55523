using System.Text;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// The editor's view of the project files, read and written through the sandbox so that a save obeys exactly the
/// path rules the agent's tools obey: a path that leaves the project is 400 and nothing is written.
/// </summary>
internal static class FileEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/files", TreeAsync);
        project.MapGet("/files/content", ReadAsync);
        project.MapPut("/files/content", WriteAsync);
    }

    private static async Task<Ok<FileEntryDto[]>> TreeAsync(HttpContext context, IWorkspaceManager workspaces, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        var workspace = await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        var entries = await workspace.Sandbox.Files.ListAsync("", recursive: true, SnapshotSandboxExtensions.ExcludedFolders, cancellationToken)
            .ConfigureAwait(false);
        var excluded = SnapshotSandboxExtensions.ExcludedFolders;
        return TypedResults.Ok(entries
            .Where(e => !e.Path.Split('/').Any(excluded.Contains))
            .Select(e => new FileEntryDto(e.Path, e.IsDirectory, e.IsDirectory ? 0 : e.Size))
            .ToArray());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReadAsync(HttpContext context, string? path,
        IWorkspaceManager workspaces, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        string normalized;
        try
        {
            normalized = SandboxPath.Normalize(path);
        }
        catch (SandboxPathException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }

        var workspace = await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        try
        {
            if (await workspace.Sandbox.Files.GetEntryAsync(normalized, cancellationToken).ConfigureAwait(false) is { IsDirectory: true })
            {
                return ApiResults.BadRequest($"'{normalized}' is a folder, not a file.");
            }

            var text = await workspace.Sandbox.Files.ReadTextAsync(normalized, cancellationToken).ConfigureAwait(false);
            return TypedResults.Text(text, "text/plain", Encoding.UTF8);
        }
        catch (SandboxPathException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ApiResults.NotFound($"File '{normalized}' not found");
        }
        catch (UnauthorizedAccessException)
        {
            return ApiResults.BadRequest($"'{normalized}' is a folder or cannot be read.");
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> WriteAsync(HttpContext context, string? path,
        IWorkspaceManager workspaces, RealtimeBroadcaster realtime, IOptions<AppBuilderOptions> options, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        string normalized;
        try
        {
            normalized = SandboxPath.Normalize(path);
        }
        catch (SandboxPathException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }

        var max = options.Value.MaxFileBytes;
        if (await CappedRequestBody.ReadAsync(context.Request, max, cancellationToken).ConfigureAwait(false) is not { } content)
        {
            return ApiResults.TooLarge($"The file is larger than {max} bytes.");
        }

        var workspace = await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        try
        {
            var existed = await workspace.Sandbox.Files.ExistsAsync(normalized, cancellationToken).ConfigureAwait(false);
            await workspace.Sandbox.Files.WriteAsync(normalized, content, cancellationToken)
                .ConfigureAwait(false);
            await realtime.SendAsync(project.Id, RealtimeMethods.FileChanged,
                new FileChangedMessage(project.Id, normalized, WireNames.Of(existed ? FileChangeKind.Changed : FileChangeKind.Created), "editor"))
                .ConfigureAwait(false);
            return TypedResults.NoContent();
        }
        catch (SandboxPathException ex)
        {
            return ApiResults.BadRequest(ex.Message);
        }
        catch (UnauthorizedAccessException)
        {
            return ApiResults.BadRequest($"'{normalized}' is a folder or cannot be written.");
        }
        catch (IOException)
        {
            // A folder stands where the file would go, or a file stands where one of its folders would go.
            return ApiResults.BadRequest($"'{normalized}' cannot be written: it is a folder, or a part of its folder path is a file.");
        }
    }
}
