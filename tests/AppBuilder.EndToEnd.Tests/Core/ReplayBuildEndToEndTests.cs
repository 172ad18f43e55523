using AppBuilder.Agent;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Core;

/// <summary>
/// The whole slice with nothing faked but the model: the real agent loop and tools, the replay model with a shipped
/// recording, the local sandbox with the real template, dependency cache and Vite, file storage and snapshots.
/// </summary>
public sealed class ReplayBuildEndToEndTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "appbuilder-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task TodoPrompt_OnReplayModel_BuildsAppThatThePreviewServes_AndSurvivesRestore()
    {
        var projectId = StorageId.New();
        string sessionId;

        using (var host = await StartHostAsync())
        {
            var services = host.Services;
            var projects = services.GetRequiredService<IProjectStore>();
            var workspaces = services.GetRequiredService<IWorkspaceManager>();
            var now = DateTimeOffset.UtcNow;
            await projects.CreateAsync(new ProjectRecord { Id = projectId, OwnerId = "e2e", Title = "Todo", CreatedAt = now, UpdatedAt = now });
            sessionId = StorageId.New();
            await projects.CreateSessionAsync(new ChatSessionRecord { Id = sessionId, ProjectId = projectId, CreatedAt = now });

            var workspace = await workspaces.OpenAsync(projectId, "react-vite-tailwind");
            workspace.Status.Should().Be(WorkspaceStatus.Ready);

            var result = await services.GetRequiredService<IAgentRunner>().RunAsync(new AgentTurnRequest
            {
                ProjectId = projectId,
                SessionId = sessionId,
                Message = "build me a todo app",
                Sandbox = workspace.Sandbox,
            });

            result.Reason.Should().Be(TurnEndReason.Completed);
            result.Events.OfType<TextDeltaEvent>().Should().NotBeEmpty("text streams as the model writes it");
            result.Events.OfType<FileChangedEvent>().Select(e => e.Path).Should().Contain("src/App.tsx");
            var failures = result.Events.OfType<ToolCallCompletedEvent>().Where(e => e.IsError).ToList();
            failures.Should().BeEmpty("every tool call of the first todo turn succeeds against the real sandbox: {0}",
                string.Join("; ", failures.Select(f => f.ToolName + ": " + f.Summary)));

            var html = await _http.GetStringAsync(workspace.PreviewUrl);
            html.Should().Contain("<div id=\"root\">").And.Contain("Todo", "the recording gives index.html the app's title");
            var appModule = await _http.GetStringAsync(new Uri(workspace.PreviewUrl!, "src/App.tsx"));
            appModule.Should().Contain("TodoInput", "Vite serves the component the agent wrote");

            var checkpoint = await workspaces.PersistAsync(projectId, "build me a todo app");
            checkpoint.Should().NotBeNull();
            checkpoint!.FileCount.Should().BeGreaterThan(5);

            var second = await services.GetRequiredService<IAgentRunner>().RunAsync(new AgentTurnRequest
            {
                ProjectId = projectId,
                SessionId = sessionId,
                Message = "add a filter for completed todos",
                Sandbox = workspace.Sandbox,
            });
            second.Reason.Should().Be(TurnEndReason.Completed);
            second.Events.OfType<ToolCallCompletedEvent>().Should().Contain(e => e.IsError,
                "the follow-up recording contains a failing line_replace the model recovers from");
            await workspaces.CloseAsync(projectId, persist: true);
        }

        // A new host over the same data root: the project comes back from its snapshot, not from the old sandbox.
        using (var host = await StartHostAsync())
        {
            var services = host.Services;
            var workspaces = services.GetRequiredService<IWorkspaceManager>();
            var history = await services.GetRequiredService<IProjectStore>().GetMessagesAsync(projectId, sessionId);
            history.Count(m => m.Role == Microsoft.Extensions.AI.ChatRole.User).Should().Be(2);

            var workspace = await workspaces.OpenAsync(projectId, "react-vite-tailwind");
            var appModule = await _http.GetStringAsync(new Uri(workspace.PreviewUrl!, "src/App.tsx"));
            appModule.Should().Contain("TodoInput");
            var files = await workspace.Sandbox.Files.ListAsync("src", recursive: true);
            files.Select(f => f.Path).Should().Contain("src/hooks/useTodos.ts");
            await workspaces.CloseAsync(projectId, persist: false);
        }
    }

    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AppBuilder:Model:Provider"] = "replay" });
        var appBuilder = builder.Services.AddAppBuilderCore()
            .AddLocalSandboxes(o => o.WorkRoot = Path.Combine(_root, "sandboxes"))
            .AddWorkspaces(o => o.CacheRoot = SharedDependencyCache.Root)
            .AddFileStorage(o => o.Root = Path.Combine(_root, "data"));
        appBuilder.AddChatModel(builder.Configuration.GetSection("AppBuilder:Model"));
        appBuilder.AddAgent();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
