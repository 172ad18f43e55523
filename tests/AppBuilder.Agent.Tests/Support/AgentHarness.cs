using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>An agent wired through DI with a scripted model, an in-memory store, sandbox and log store.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private AgentHarness(ServiceProvider services, ScriptedChatClient chat, InMemoryProjectStore store, InMemorySandbox sandbox,
        FakeLoggerProvider logging)
    {
        Services = services;
        Chat = chat;
        Store = store;
        Sandbox = sandbox;
        Logging = logging;
    }

    public const string ProjectId = "project";
    public const string SessionId = "session";

    public ServiceProvider Services { get; }

    public ScriptedChatClient Chat { get; }

    public InMemoryProjectStore Store { get; }

    public InMemorySandbox Sandbox { get; }

    public FakeLoggerProvider Logging { get; }

    public IAgentRunner Runner => Services.GetRequiredService<IAgentRunner>();

    public IProjectLogStore Logs => Services.GetRequiredService<IProjectLogStore>();

    public static async Task<AgentHarness> CreateAsync(Action<AgentOptions>? configure = null, Action<IAppBuilderBuilder>? extra = null,
        TimeProvider? timeProvider = null)
    {
        var chat = new ScriptedChatClient();
        var store = new InMemoryProjectStore();
        await store.SeedAsync(ProjectId, SessionId);
        var sandbox = new InMemorySandbox(ProjectId, timeProvider: timeProvider);
        var logging = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logging).SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddSingleton<IChatClient>(chat);
        services.AddSingleton<IProjectStore>(store);
        var builder = services.AddAppBuilderCore().AddAgent(configure);
        extra?.Invoke(builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new AgentHarness(provider, chat, store, sandbox, logging);
    }

    public AgentTurnRequest Request(string message, bool supervised = false, string sessionId = SessionId) => new()
    {
        ProjectId = ProjectId,
        SessionId = sessionId,
        Message = message,
        Sandbox = Sandbox,
        Supervised = supervised,
    };

    public Task<AgentTurnResult> RunAsync(string message, bool supervised = false, CancellationToken cancellationToken = default) =>
        Runner.RunAsync(Request(message, supervised), cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> HistoryAsync(string sessionId = SessionId) =>
        Store.GetMessagesAsync(ProjectId, sessionId);

    public static T Single<T>(AgentTurnResult result) where T : AgentEvent => result.Events.OfType<T>().Should().ContainSingle().Subject;

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
