using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Projects: list, create, read, update, delete and open.</summary>
internal static class ProjectEndpoints
{
    private const int MaxTitleLength = 200;
    private const int MaxPromptLength = 32_000;

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder project)
    {
        api.MapGet("/projects", ListAsync);
        api.MapPost("/projects", CreateAsync);
        project.MapGet("", GetAsync);
        project.MapPatch("", UpdateAsync);
        project.MapDelete("", DeleteAsync);
        project.MapPost("/open", OpenAsync);
    }

    private static async Task<Results<Ok<ProjectDto[]>, ProblemHttpResult>> ListAsync(HttpContext context, IProjectStore projects,
        IProjectAccessPolicy policy, ProjectDtoFactory dtos, CancellationToken cancellationToken)
    {
        var userId = policy.GetUserId(context.User);
        if (userId is null)
        {
            return ApiResults.Unauthorized();
        }

        var list = new List<ProjectDto>();
        foreach (var project in await projects.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (await policy.CanAccessAsync(context.User, project, cancellationToken).ConfigureAwait(false))
            {
                list.Add(await dtos.CreateAsync(context, project, cancellationToken).ConfigureAwait(false));
            }
        }

        return TypedResults.Ok(list.ToArray());
    }

    private static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> CreateAsync(HttpContext context, CreateProjectRequest? request,
        IProjectStore projects, IProjectAccessPolicy policy, ProjectDtoFactory dtos, IOptions<AppBuilderOptions> options,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var userId = policy.GetUserId(context.User);
        if (userId is null)
        {
            return ApiResults.Unauthorized();
        }

        request ??= new CreateProjectRequest(null, null, null, null);
        var prompt = string.IsNullOrWhiteSpace(request.Prompt) ? null : request.Prompt.Trim();
        if (prompt is { Length: > MaxPromptLength })
        {
            return ApiResults.BadRequest($"The prompt is longer than {MaxPromptLength} characters.");
        }

        var title = string.IsNullOrWhiteSpace(request.Title) ? TitleFromPrompt(prompt) : request.Title.Trim();
        if (title.Length > MaxTitleLength)
        {
            return ApiResults.BadRequest($"The title is longer than {MaxTitleLength} characters.");
        }

        var template = string.IsNullOrWhiteSpace(request.Template) ? options.Value.DefaultTemplate : request.Template.Trim();
        if (!IsValidTemplateName(template))
        {
            return ApiResults.BadRequest("The template name must be 1-64 letters, digits, '.', '-' or '_'.");
        }

        if (context.RequestServices.GetService<ITemplateSource>() is { } templates
            && !templates.List().Contains(template, StringComparer.Ordinal))
        {
            return ApiResults.BadRequest($"Unknown template '{template}'. Available: {string.Join(", ", templates.List())}.");
        }

        var now = timeProvider.GetUtcNow();
        var project = new ProjectRecord
        {
            Id = StorageId.New(),
            OwnerId = userId,
            Title = title,
            Template = template,
            Supervised = request.Supervised ?? false,
            InitialPrompt = prompt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await projects.CreateAsync(project, cancellationToken).ConfigureAwait(false);
        await projects.CreateSessionAsync(new ChatSessionRecord { Id = StorageId.New(), ProjectId = project.Id, Title = "Chat", CreatedAt = now },
            cancellationToken).ConfigureAwait(false);
        var dto = await dtos.CreateAsync(context, project, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{project.Id}", dto);
    }

    private static async Task<Ok<ProjectDto>> GetAsync(HttpContext context, ProjectDtoFactory dtos, CancellationToken cancellationToken) =>
        TypedResults.Ok(await dtos.CreateAsync(context, context.GetProject(), cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> UpdateAsync(HttpContext context, UpdateProjectRequest? request,
        IProjectStore projects, ProjectDtoFactory dtos, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (request is null)
        {
            return ApiResults.BadRequest("A JSON body with 'title' and/or 'supervised' is required.");
        }

        var title = request.Title?.Trim();
        if (title is { Length: 0 })
        {
            return ApiResults.BadRequest("The title must not be empty.");
        }

        if (title is { Length: > MaxTitleLength })
        {
            return ApiResults.BadRequest($"The title is longer than {MaxTitleLength} characters.");
        }

        var updated = project with
        {
            Title = title ?? project.Title,
            Supervised = request.Supervised ?? project.Supervised,
            UpdatedAt = timeProvider.GetUtcNow(),
        };
        await projects.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await dtos.CreateAsync(context, updated, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, IProjectStore projects,
        ISnapshotStore snapshots, IWorkspaceManager workspaces, ChatTurnCoordinator turns, ToolApprovalGate approvals, IProjectLogStore logs,
        PreviewErrorTracker previewErrors, CancellationToken cancellationToken)
    {
        var project = context.GetProject();

        // No turn may start (and reopen the workspace) from here until the project is gone.
        using var pause = turns.TryPauseNewTurns(project.Id);
        if (pause is null)
        {
            return ApiResults.Conflict("The project is being restored to a checkpoint or deleted; wait for it to finish.");
        }

        approvals.DenyAll(project.Id);
        await turns.StopAllAsync(project.Id, cancellationToken).ConfigureAwait(false);
        await workspaces.CloseAsync(project.Id, persist: false, cancellationToken).ConfigureAwait(false);
        await snapshots.DeleteAsync(project.Id, cancellationToken).ConfigureAwait(false);
        await projects.DeleteAsync(project.Id, cancellationToken).ConfigureAwait(false);
        logs.Clear(project.Id);
        previewErrors.Clear(project.Id);
        if (context.RequestServices.GetService<AppBuilder.Agent.Mcp.IMcpServerManager>() is { } mcp)
        {
            await mcp.StopProjectAsync(project.Id, cancellationToken).ConfigureAwait(false);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WorkspaceDto>> OpenAsync(HttpContext context, IWorkspaceManager workspaces, ProjectDtoFactory dtos,
        CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(dtos.Workspace(context, project.Id, withGrant: true));
    }

    private static bool IsValidTemplateName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && name.Trim('.').Length > 0;

    private static string TitleFromPrompt(string? prompt)
    {
        if (prompt is null)
        {
            return "Untitled project";
        }

        var firstLine = prompt.Split('\n', 2)[0].Trim();
        return firstLine.Length <= 60 ? firstLine : firstLine[..60].TrimEnd() + "…";
    }
}
