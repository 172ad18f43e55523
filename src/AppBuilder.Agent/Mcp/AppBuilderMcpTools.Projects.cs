using System.ComponentModel;
using AppBuilder.Storage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

internal sealed partial class AppBuilderMcpTools
{
    private const int MaxTitleLength = 200;

    [McpServerTool(Name = "list_projects", Title = "List projects", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists your AppBuilder projects, most recently updated first, with their ids, titles and templates.")]
    public async Task<CallToolResult> ListProjectsAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var user = context.User;
        var userId = UserId(user);
        if (userId is null)
        {
            return McpToolResults.Error("The caller is not signed in.");
        }

        var list = new List<McpProject>();
        foreach (var project in await projects.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (await backend.CanAccessAsync(user, project, cancellationToken).ConfigureAwait(false))
            {
                list.Add(await ToDtoAsync(project, cancellationToken).ConfigureAwait(false));
            }
        }

        return McpToolResults.Ok(new { projects = list.OrderByDescending(p => p.UpdatedAt).ToArray() });
    }

    [McpServerTool(Name = "create_project", Title = "Create project", OpenWorld = false)]
    [Description("Creates an AppBuilder project (a React + Vite + Tailwind app by default) with one chat session. " +
        "Then send what to build with the chat tool.")]
    public async Task<CallToolResult> CreateProjectAsync(RequestContext<CallToolRequestParams> context,
        [Description("The project's title; defaults to the first line of the prompt, else \"Untitled project\".")] string? title = null,
        [Description("What the app is for; kept as the project's initial prompt (no turn is run).")] string? prompt = null,
        [Description("Template to start from; the host's default when omitted.")] string? template = null,
        CancellationToken cancellationToken = default)
    {
        var userId = UserId(context.User);
        if (userId is null)
        {
            return McpToolResults.Error("The caller is not signed in.");
        }

        prompt = string.IsNullOrWhiteSpace(prompt) ? null : prompt.Trim();
        if (prompt is not null && prompt.Length > options.Value.MaxMessageLength)
        {
            return McpToolResults.Error($"The prompt is longer than {options.Value.MaxMessageLength} characters.");
        }

        title = string.IsNullOrWhiteSpace(title) ? TitleFromPrompt(prompt) : title.Trim();
        if (title.Length > MaxTitleLength)
        {
            return McpToolResults.Error($"The title is longer than {MaxTitleLength} characters.");
        }

        var templates = backend.GetTemplates();
        template = string.IsNullOrWhiteSpace(template) ? templates.FirstOrDefault() : template.Trim();
        if (template is null || !templates.Contains(template, StringComparer.Ordinal))
        {
            return McpToolResults.Error($"Unknown template. Available: {string.Join(", ", templates)}.");
        }

        var now = time.GetUtcNow();
        var project = new ProjectRecord
        {
            Id = StorageId.New(),
            OwnerId = userId,
            Title = title,
            Template = template,
            InitialPrompt = prompt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await projects.CreateAsync(project, cancellationToken).ConfigureAwait(false);
        await projects.CreateSessionAsync(new ChatSessionRecord { Id = StorageId.New(), ProjectId = project.Id, Title = "Chat", CreatedAt = now },
            cancellationToken).ConfigureAwait(false);
        McpLog.ProjectCreated(logger, project.Id);
        return McpToolResults.Ok(await ToDtoAsync(project, cancellationToken).ConfigureAwait(false));
    }

    private async Task<McpProject> ToDtoAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var sessions = await projects.ListSessionsAsync(project.Id, cancellationToken).ConfigureAwait(false);
        return new McpProject(project.Id, project.Title, project.Template, project.Supervised, project.CreatedAt, project.UpdatedAt,
            [.. sessions.Select(s => new McpSession(s.Id, s.Title))]);
    }

    private static string TitleFromPrompt(string? prompt)
    {
        if (prompt is null)
        {
            return "Untitled project";
        }

        var firstLine = prompt.Split('\n', 2)[0].Trim();
        return firstLine.Length <= 60 ? firstLine : firstLine[..60].TrimEnd() + "…";
    }

    private sealed record McpProject(string Id, string Title, string Template, bool Supervised, DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt, McpSession[] Sessions);

    private sealed record McpSession(string Id, string Title);
}
