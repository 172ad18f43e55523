using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary><c>GET /api/health</c>, open to anonymous callers: says which model provider answers (and plainly
/// whether it is the replay model), and which sandbox provider runs projects.</summary>
internal static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/health", Get).AllowAnonymous();

    private static Ok<HealthDto> Get(IServiceProvider services)
    {
        var chat = services.GetService<IChatClient>();
        var metadata = chat?.GetService<ChatClientMetadata>();
        var provider = metadata?.ProviderName ?? (chat is null ? "none" : "unknown");
        var sandbox = services.GetService<ISandboxProvider>()?.Name ?? "none";
        return TypedResults.Ok(new HealthDto("ok",
            new ModelHealthDto(provider, string.Equals(provider, "replay", StringComparison.OrdinalIgnoreCase), metadata?.DefaultModelId),
            sandbox));
    }
}
