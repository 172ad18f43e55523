using System.Security.Claims;
using AppBuilder.Storage;

namespace AppBuilder.AspNetCore;

/// <summary>
/// Decides who a signed-in person is and which projects they may use. Every AppBuilder route, the SignalR hub and
/// the preview proxy ask it; a project the person may not use is answered exactly like a missing one (404).
/// </summary>
/// <remarks>
/// The default policy grants a project to the user whose id (<see cref="ClaimTypes.NameIdentifier"/>, else the
/// <c>sub</c> claim) equals <see cref="ProjectRecord.OwnerId"/>. Register another implementation before or instead
/// of <c>AddAppBuilder</c> to share projects with teams. Implementations are singletons and must be thread-safe.
/// </remarks>
public interface IProjectAccessPolicy
{
    /// <summary>Returns the id new projects of <paramref name="user"/> are owned by, or <see langword="null"/> when the
    /// principal carries no usable id.</summary>
    string? GetUserId(ClaimsPrincipal user);

    /// <summary>Whether <paramref name="user"/> may read and change <paramref name="project"/>.</summary>
    ValueTask<bool> CanAccessAsync(ClaimsPrincipal user, ProjectRecord project, CancellationToken cancellationToken = default);
}
