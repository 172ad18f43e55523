using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Chat sessions (tabs) of a project and their message history.</summary>
internal static class SessionEndpoints
{
    private const int MaxTitleLength = 200;

    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/sessions", ListAsync);
        project.MapPost("/sessions", CreateAsync);
        project.MapGet("/sessions/{sessionId}/messages", MessagesAsync);
    }

    private static async Task<Ok<SessionDto[]>> ListAsync(HttpContext context, IProjectStore projects, CancellationToken cancellationToken)
    {
        var sessions = await projects.ListSessionsAsync(context.GetProject().Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(sessions.Select(ProjectDtoFactory.ToDto).ToArray());
    }

    private static async Task<Results<Created<SessionDto>, ProblemHttpResult>> CreateAsync(HttpContext context, CreateSessionRequest? request,
        IProjectStore projects, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        var title = string.IsNullOrWhiteSpace(request?.Title) ? null : request.Title.Trim();
        if (title is { Length: > MaxTitleLength })
        {
            return ApiResults.BadRequest($"The title is longer than {MaxTitleLength} characters.");
        }

        if (title is null)
        {
            var count = (await projects.ListSessionsAsync(project.Id, cancellationToken).ConfigureAwait(false)).Count;
            title = count == 0 ? "Chat" : $"Chat {count + 1}";
        }

        var session = new ChatSessionRecord { Id = StorageId.New(), ProjectId = project.Id, Title = title, CreatedAt = timeProvider.GetUtcNow() };
        await projects.CreateSessionAsync(session, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{session.Id}", ProjectDtoFactory.ToDto(session));
    }

    private static async Task<Results<Ok<MessageDto[]>, ProblemHttpResult>> MessagesAsync(HttpContext context, string sessionId,
        IProjectStore projects, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (!StorageId.IsValid(sessionId) || await projects.GetSessionAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound("Session not found");
        }

        var messages = await projects.GetMessagesAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ChatHistoryMapper.Map(messages));
    }
}
