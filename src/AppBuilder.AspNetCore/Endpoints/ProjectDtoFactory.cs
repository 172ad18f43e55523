using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Builds the <see cref="ProjectDto"/>s the API returns.</summary>
internal sealed class ProjectDtoFactory(IProjectStore projects, IWorkspaceManager workspaces, PreviewPaths paths, PreviewLinks links)
{
    public async Task<ProjectDto> CreateAsync(HttpContext context, ProjectRecord project, CancellationToken cancellationToken = default)
    {
        var sessions = await projects.ListSessionsAsync(project.Id, cancellationToken).ConfigureAwait(false);
        return new ProjectDto(project.Id, project.Title, project.Template, WireNames.Of(project.Status), project.Supervised,
            project.InitialPrompt, project.CreatedAt, project.UpdatedAt, Workspace(context, project.Id),
            [.. sessions.Select(ToDto)]);
    }

    /// <summary>The workspace part of a project answer; with <paramref name="withGrant"/>, a fresh grant link for the
    /// signed-in person too.</summary>
    public WorkspaceDto Workspace(HttpContext context, string projectId, bool withGrant = false)
    {
        var workspace = workspaces.Find(projectId);
        var status = workspace is null ? WorkspaceStatus.Sleeping : workspace.Status;
        var grant = withGrant ? links.Grant(context, projectId) : null;
        return new WorkspaceDto(WireNames.Of(status), PreviewPath(context, projectId), links.Origin(context.Request, projectId), grant?.Url);
    }

    public string PreviewPath(HttpContext context, string projectId) => context.Request.PathBase + paths.PreviewPath(projectId);

    public static SessionDto ToDto(ChatSessionRecord session) => new(session.Id, session.Title, session.CreatedAt);
}
