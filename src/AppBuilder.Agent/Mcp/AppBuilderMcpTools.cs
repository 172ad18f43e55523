using System.Security.Claims;
using AppBuilder.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// AppBuilder's tools for MCP clients: projects, chat turns, files, the preview and checkpoints. Each call acts for the
/// caller the host names (<see cref="IAppBuilderMcpBackend"/>): a project they may not use is "not found", exactly like a
/// missing one. Every failure is a tool result with <c>isError</c> and a plain message — never a host path or a stack
/// trace. Created per call by the MCP server.
/// </summary>
[McpServerToolType]
internal sealed partial class AppBuilderMcpTools(
    IAppBuilderMcpBackend backend,
    IProjectStore projects,
    ISnapshotStore snapshots,
    TimeProvider time,
    IOptions<AppBuilderMcpOptions> options,
    ILogger<AppBuilderMcpTools> logger)
{
    /// <summary>The caller's id, or null (every tool then answers that the caller is not signed in).</summary>
    private string? UserId(ClaimsPrincipal? user) => backend.GetUserId(user);

    /// <summary>The project when it exists and the caller may use it; null alike for a malformed id, a missing project and
    /// another person's project.</summary>
    private async Task<ProjectRecord?> FindAsync(ClaimsPrincipal? user, string? projectId, CancellationToken cancellationToken)
    {
        if (!StorageId.IsValid(projectId) || UserId(user) is null)
        {
            return null;
        }

        var project = await projects.GetAsync(projectId!, cancellationToken).ConfigureAwait(false);
        if (project is null || !await backend.CanAccessAsync(user, project, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return project;
    }

    /// <summary>Runs a tool body on an accessible project, turning the expected failures into tool errors.</summary>
    private async Task<CallToolResult> WithProjectAsync(RequestContext<CallToolRequestParams> context, string? projectId,
        Func<ProjectRecord, Task<CallToolResult>> body, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (UserId(user) is null)
        {
            return McpToolResults.Error("The caller is not signed in.");
        }

        var project = await FindAsync(user, projectId, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return McpToolResults.Error(McpToolResults.ProjectNotFound);
        }

        try
        {
            return await body(project).ConfigureAwait(false);
        }
        catch (AppBuilderException ex)
        {
            McpLog.ToolFailed(logger, context.Params?.Name ?? "?", project.Id, ex.ErrorCode);
            return McpToolResults.Error(ex.Message);
        }
    }
}
