using AppBuilder.Agent;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>What every command does with a started host: find or create projects, open their workspace, run a
/// turn with live output, persist, and serve the preview.</summary>
internal sealed class ConsoleSession(IHost host)
{
    public const string LocalOwner = "local";

    private readonly IServiceProvider _services = host.Services;

    public IServiceProvider Services => _services;

    public IProjectStore Projects => _services.GetRequiredService<IProjectStore>();

    public IWorkspaceManager Workspaces => _services.GetRequiredService<IWorkspaceManager>();

    public void PrintModel()
    {
        var chat = _services.GetRequiredService<IChatClient>();
        var metadata = chat.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        var provider = metadata?.ProviderName ?? "unknown";
        if (provider == "replay")
        {
            AnsiConsole.MarkupLine("[black on yellow] REPLAY MODEL [/] [yellow]No live model is configured: answers are replayed from recorded sessions.[/]");
            AnsiConsole.MarkupLine("[grey]Configure a real model with --model openai|anthropic (see README). Prompts with recordings: `appbuilder recordings`.[/]");
        }
        else
        {
            AnsiConsole.MarkupLine($"[grey]model: {Markup.Escape(provider)} {Markup.Escape(metadata?.DefaultModelId ?? "")}[/]");
        }
    }

    public async Task<ProjectRecord?> FindProjectAsync(string idOrTitle, CancellationToken cancellationToken)
    {
        if (StorageId.IsValid(idOrTitle) && await Projects.GetAsync(idOrTitle, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            return byId;
        }

        var all = await Projects.ListAsync(LocalOwner, cancellationToken).ConfigureAwait(false);
        var matches = all.Where(p => p.Title.Contains(idOrTitle, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        AnsiConsole.MarkupLine(matches.Count == 0
            ? $"[red]No project matches '{Markup.Escape(idOrTitle)}'.[/] Run [bold]appbuilder list[/]."
            : $"[red]'{Markup.Escape(idOrTitle)}' matches {matches.Count} projects; use the id.[/]");
        return null;
    }

    public async Task<ProjectWorkspace> OpenWorkspaceAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        ProjectWorkspace? workspace = null;
        await AnsiConsole.Status().StartAsync("Starting sandbox and dev server…", async _ =>
        {
            workspace = await Workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return workspace!;
    }

    public async Task<ChatSessionRecord> GetOrCreateSessionAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var sessions = await Projects.ListSessionsAsync(project.Id, cancellationToken).ConfigureAwait(false);
        if (sessions.Count > 0)
        {
            return sessions[^1];
        }

        var session = new ChatSessionRecord
        {
            Id = StorageId.New(),
            ProjectId = project.Id,
            Title = "Chat",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Projects.CreateSessionAsync(session, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Runs one agent turn with live output, then saves a checkpoint. Returns whether the turn completed.</summary>
    public async Task<bool> RunTurnAsync(ProjectRecord project, ChatSessionRecord session, ProjectWorkspace workspace,
        string prompt, CancellationToken cancellationToken)
    {
        var runner = _services.GetRequiredService<IAgentRunner>();
        var renderer = new EventRenderer();
        var reason = TurnEndReason.Failed;
        AnsiConsole.MarkupLine($"[bold]you ›[/] {Markup.Escape(prompt)}");
        await foreach (var agentEvent in runner.RunStreamingAsync(new AgentTurnRequest
        {
            ProjectId = project.Id,
            SessionId = session.Id,
            Message = prompt,
            Sandbox = workspace.Sandbox,
            // The local account: usage records carry it and AppBuilder:Agent:UserBudget applies to it.
            UserId = Environment.UserName,
        }, cancellationToken).ConfigureAwait(false))
        {
            renderer.Render(agentEvent);
            if (agentEvent is DoneEvent done)
            {
                reason = done.Reason;
            }
        }

        var checkpoint = await Workspaces.PersistAsync(project.Id, prompt, CancellationToken.None).ConfigureAwait(false);
        if (checkpoint is not null)
        {
            renderer.Render(new CheckpointCreatedEvent(checkpoint.Number, checkpoint.FileCount));
        }

        await Projects.UpdateAsync(project with { UpdatedAt = DateTimeOffset.UtcNow, LastPersistedAt = DateTimeOffset.UtcNow },
            CancellationToken.None).ConfigureAwait(false);
        return reason == TurnEndReason.Completed;
    }

    /// <summary>Prints the preview URL and, unless told to exit, keeps the dev server up until Ctrl+C, then persists
    /// and stops the sandbox.</summary>
    public async Task ServeAsync(ProjectRecord project, ProjectWorkspace workspace, bool exit, CancellationToken cancellationToken)
    {
        var url = Workspaces.Find(project.Id)?.PreviewUrl ?? workspace.PreviewUrl;
        AnsiConsole.MarkupLine($"[bold green]Preview:[/] [link]{url}[/]");
        AnsiConsole.MarkupLine($"[grey]project {project.Id} — continue with: appbuilder chat {project.Id} \"…\"[/]");
        if (exit)
        {
            await Workspaces.CloseAsync(project.Id, persist: true, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        AnsiConsole.MarkupLine("[grey]Serving the preview. Press Ctrl+C to persist and stop.[/]");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                await Workspaces.HeartbeatAsync(project.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        AnsiConsole.MarkupLine("[grey]Persisting and stopping the sandbox…[/]");
        await Workspaces.CloseAsync(project.Id, persist: true, CancellationToken.None).ConfigureAwait(false);
    }
}
