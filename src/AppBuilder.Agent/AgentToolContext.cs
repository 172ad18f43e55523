using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent;

/// <summary>
/// What a tool may use during one agent turn: the sandbox, the project and session ids, the project's logs and an
/// event sink. The runner puts it in <see cref="AIFunctionArguments.Context"/> under the key
/// <c>typeof(AgentToolContext)</c>; host tools read it with <see cref="From"/>.
/// </summary>
/// <remarks>Thread-safe. <see cref="Emit"/> may be called from any thread while the tool runs.</remarks>
public sealed class AgentToolContext
{
    private readonly Action<AgentEvent> _sink;

    /// <summary>Creates a context.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="sessionId">The chat session.</param>
    /// <param name="sandbox">The project's sandbox.</param>
    /// <param name="logStore">The project log store.</param>
    /// <param name="eventSink">Receives events tools emit; <see langword="null"/> discards them.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    public AgentToolContext(string projectId, string sessionId, ISandbox sandbox, IProjectLogStore logStore,
        Action<AgentEvent>? eventSink = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(logStore);
        ProjectId = projectId;
        SessionId = sessionId;
        Sandbox = sandbox;
        LogStore = logStore;
        _sink = eventSink ?? (static _ => { });
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The project.</summary>
    public string ProjectId { get; }

    /// <summary>The chat session.</summary>
    public string SessionId { get; }

    /// <summary>The project's sandbox.</summary>
    public ISandbox Sandbox { get; }

    /// <summary>The project's console and network logs.</summary>
    public IProjectLogStore LogStore { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Adds an event (file changed, terminal output, …) to the turn's stream, in order.</summary>
    public void Emit(AgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        _sink(agentEvent);
    }

    /// <summary>Returns the context the runner attached to <paramref name="arguments"/>.</summary>
    /// <exception cref="InvalidOperationException">The tool was invoked outside an agent turn.</exception>
    public static AgentToolContext From(AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Context is not null &&
            arguments.Context.TryGetValue(typeof(AgentToolContext), out var value) &&
            value is AgentToolContext context)
        {
            return context;
        }

        throw new InvalidOperationException(
            "This tool runs only inside an agent turn: AIFunctionArguments.Context holds no AgentToolContext.");
    }

    /// <summary>Creates the arguments for invoking a tool with this context attached.</summary>
    public AIFunctionArguments CreateArguments(IDictionary<string, object?>? arguments, IServiceProvider? services = null) =>
        new(arguments)
        {
            Services = services,
            Context = new Dictionary<object, object?> { [typeof(AgentToolContext)] = this },
        };
}
