using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;

namespace AppBuilder.Web.Hosting;

/// <summary>
/// <c>GET /host/replay-prompts</c>: when the replay model answers, the prompts (and follow-ups) it has recordings
/// for, so the dashboard can offer them; an empty list for a live model.
/// </summary>
public static class ReplayPromptEndpoints
{
    /// <summary>A recording the replay model can play.</summary>
    /// <param name="Title">Its title.</param>
    /// <param name="Description">What it builds.</param>
    /// <param name="Prompts">The first messages it answers, the main one first.</param>
    /// <param name="FollowUps">The later messages it answers, in order.</param>
    public sealed record ReplayPrompt(string Title, string? Description, IReadOnlyList<string> Prompts, IReadOnlyList<string> FollowUps);

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapReplayPrompts(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/host/replay-prompts", (IServiceProvider services) => TypedResults.Ok(List(services)))
            .RequireAuthorization();

    /// <summary>The recordings, when the configured chat client is the replay model.</summary>
    public static IReadOnlyList<ReplayPrompt> List(IServiceProvider services)
    {
        if (!IsReplay(services) || services.GetService<ReplayLibrary>() is not { } library)
        {
            return [];
        }

        return [.. library.Available.Select(r => new ReplayPrompt(r.Title, r.Description, r.Prompts, r.FollowUps))];
    }

    /// <summary>Whether the configured chat client is the replay model.</summary>
    public static bool IsReplay(IServiceProvider services) =>
        services.GetService<IChatClient>()?.GetService(typeof(ChatClientMetadata)) is ChatClientMetadata { ProviderName: "replay" };
}
