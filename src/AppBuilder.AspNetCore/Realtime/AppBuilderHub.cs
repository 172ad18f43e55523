using AppBuilder.AspNetCore.Access;
using AppBuilder.Storage;
using Microsoft.AspNetCore.SignalR;

namespace AppBuilder.AspNetCore.Realtime;

/// <summary>
/// The realtime hub: a client joins the group of each project it shows and then receives that project's events.
/// Joining a project the caller may not use fails exactly like joining a missing one.
/// </summary>
internal sealed class AppBuilderHub(ProjectAccessor projects) : Hub
{
    /// <summary>Starts sending the project's events to this connection.</summary>
    public async Task JoinProject(string projectId)
    {
        var user = Context.User ?? throw new HubException("Project not found");
        var project = await projects.FindAsync(user, projectId, Context.ConnectionAborted).ConfigureAwait(false)
            ?? throw new HubException("Project not found");
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeMethods.Group(project.Id), Context.ConnectionAborted).ConfigureAwait(false);
    }

    /// <summary>Stops sending the project's events to this connection.</summary>
    public Task LeaveProject(string projectId)
    {
        if (!StorageId.IsValid(projectId))
        {
            throw new HubException("Project not found");
        }

        return Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeMethods.Group(projectId), Context.ConnectionAborted);
    }
}
