using System.Security.Claims;
using AppBuilder.Storage;

namespace AppBuilder.AspNetCore.Access;

/// <summary>Loads a project for a user, answering <see langword="null"/> alike for a malformed id, a missing project
/// and another person's project, so that callers turn all three into the same 404.</summary>
internal sealed class ProjectAccessor(IProjectStore projects, IProjectAccessPolicy policy)
{
    public IProjectAccessPolicy Policy => policy;

    public async Task<ProjectRecord?> FindAsync(ClaimsPrincipal user, string? projectId, CancellationToken cancellationToken = default)
    {
        if (!StorageId.IsValid(projectId))
        {
            return null;
        }

        var project = await projects.GetAsync(projectId!, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return null;
        }

        return await policy.CanAccessAsync(user, project, cancellationToken).ConfigureAwait(false) ? project : null;
    }
}
