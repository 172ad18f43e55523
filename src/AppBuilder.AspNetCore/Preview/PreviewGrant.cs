using System.Security.Claims;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>What a preview grant or a preview session carries: the project, the person it was handed to (the claims
/// of the editor request, so that <see cref="IProjectAccessPolicy"/> can be asked again on the preview origin) and the
/// editor origin that may frame the preview.</summary>
/// <param name="ProjectId">The project whose preview origin accepts it.</param>
/// <param name="User">The signed-in person the editor handed it to.</param>
/// <param name="EditorOrigin">The origin of the editor request that minted it, such as <c>http://127.0.0.1:5080</c>.</param>
/// <param name="Id">A random id; a grant is exchanged once.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
internal sealed record PreviewGrant(string ProjectId, ClaimsPrincipal User, string EditorOrigin, string Id, DateTimeOffset ExpiresAt);
