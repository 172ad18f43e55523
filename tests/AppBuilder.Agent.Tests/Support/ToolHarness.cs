using System.Text.Json;
using AppBuilder.Agent.Tools;
using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>Invokes built-in tools the way the loop does (same context, same error mapping), outside a turn.</summary>
internal sealed class ToolHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<AgentEvent> _events = [];
    private readonly Dictionary<string, AIFunction> _tools;

    private ToolHarness(ServiceProvider services, InMemorySandbox sandbox, Dictionary<string, AIFunction> tools, string sessionId)
    {
        _services = services;
        Sandbox = sandbox;
        _tools = tools;
        Context = new AgentToolContext(AgentHarness.ProjectId, sessionId, sandbox, services.GetRequiredService<IProjectLogStore>(),
            e => { lock (_events) { _events.Add(e); } }, services.GetRequiredService<TimeProvider>());
    }

    public InMemorySandbox Sandbox { get; }

    public InMemorySandboxFileSystem Files => Sandbox.FileSystem;

    public AgentToolContext Context { get; }

    public IProjectLogStore Logs => _services.GetRequiredService<IProjectLogStore>();

    public IReadOnlyList<AgentEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyCollection<string> ToolNames => _tools.Keys;

    public static async Task<ToolHarness> CreateAsync(Action<AgentOptions>? configure = null, TimeProvider? timeProvider = null,
        string sessionId = AgentHarness.SessionId, Action<IAppBuilderBuilder>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddSingleton<IChatClient>(new ScriptedChatClient());
        services.AddSingleton<IProjectStore>(new InMemoryProjectStore());
        var builder = services.AddAppBuilderCore().AddAgent(configure);
        extra?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        var sandbox = new InMemorySandbox(AgentHarness.ProjectId, timeProvider: timeProvider);
        var tools = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        var probe = new AgentToolContext(AgentHarness.ProjectId, sessionId, sandbox, provider.GetRequiredService<IProjectLogStore>());
        foreach (var toolProvider in provider.GetServices<IAgentToolProvider>())
        {
            foreach (var tool in await toolProvider.GetToolsAsync(probe))
            {
                tools[tool.Name] = tool;
            }
        }

        return new ToolHarness(provider, sandbox, tools, sessionId);
    }

    public AIFunction Tool(string name) => _tools[name];

    /// <summary>Invokes a tool with arguments given as an anonymous object (turned into JSON values, as a provider parses them).</summary>
    public Task<ToolOutcome> InvokeAsync(string name, object arguments, CancellationToken cancellationToken = default) =>
        InvokeRawAsync(name, ToArguments(arguments), cancellationToken);

    public Task<ToolOutcome> InvokeRawAsync(string name, IDictionary<string, object?> arguments, CancellationToken cancellationToken = default) =>
        ToolInvoker.InvokeAsync(_tools[name], arguments, Context, _services, 40_000, cancellationToken);

    public static Dictionary<string, object?> ToArguments(object arguments) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions),
            AIJsonUtilities.DefaultOptions)!;

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
