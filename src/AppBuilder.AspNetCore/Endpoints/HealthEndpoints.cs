using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary><c>GET /api/health</c>, open to anonymous callers. An anonymous caller learns only the status
/// (<c>{ "status": "ok" }</c>); a signed-in user also sees which model provider answers (and plainly whether it is the
/// replay model) and which sandbox provider runs projects.</summary>
internal static class HealthEndpoints
{
    /// <summary>The only status there is today: the host is up and its endpoints answer.</summary>
    public const string Ok = "ok";

    public static void Map(RouteGroupBuilder api) => api.MapGet("/health", Get).AllowAnonymous();

    private static Results<Ok<HealthDto>, Ok<HealthStatusDto>> Get(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Ok(new HealthStatusDto(Ok));
        }

        var services = context.RequestServices;
        var chat = services.GetService<IChatClient>();
        var metadata = chat?.GetService<ChatClientMetadata>();
        var provider = metadata?.ProviderName ?? (chat is null ? "none" : "unknown");
        var sandbox = services.GetService<ISandboxProvider>()?.Name ?? "none";
        return TypedResults.Ok(new HealthDto(Ok,
            new ModelHealthDto(provider, string.Equals(provider, "replay", StringComparison.OrdinalIgnoreCase), metadata?.DefaultModelId),
            sandbox));
    }
}
