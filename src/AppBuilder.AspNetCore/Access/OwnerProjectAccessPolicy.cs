using System.Security.Claims;
using AppBuilder.Storage;

namespace AppBuilder.AspNetCore.Access;

/// <summary>The default policy: a project belongs to the user whose id equals its owner id.</summary>
internal sealed class OwnerProjectAccessPolicy : IProjectAccessPolicy
{
    public string? GetUserId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    public ValueTask<bool> CanAccessAsync(ClaimsPrincipal user, ProjectRecord project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        var id = GetUserId(user);
        return ValueTask.FromResult(id is not null && string.Equals(id, project.OwnerId, StringComparison.Ordinal));
    }
}
