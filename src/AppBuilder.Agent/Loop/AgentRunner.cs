using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using AppBuilder.Agent.Compaction;
using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Loop;

/// <summary>
/// The <see cref="IAgentRunner"/>: runs each turn on a background task that writes events into a channel, which
/// the caller's enumerator reads. Only one turn runs per session at a time.
/// </summary>
internal sealed class AgentRunner : IAgentRunner
{
    private readonly ConcurrentDictionary<(string ProjectId, string SessionId), byte> _active = new();

    public AgentRunner(IServiceProvider services, IOptions<AgentOptions> options, IProjectStore store, IProjectLogStore logStore,
        TimeProvider timeProvider, IEnumerable<IAgentToolProvider> toolProviders, UsageBudget budget, ILogger<AgentRunner> logger,
        Mcp.ToolCatalogChanges? catalogChanges = null)
    {
        Budget = budget;
        UsageStore = services.GetService<IUsageStore>();
        CatalogChanges = catalogChanges ?? new Mcp.ToolCatalogChanges();
        Services = services;
        Options = options.Value;
        Store = store;
        LogStore = logStore;
        Time = timeProvider;
        ToolProviders = toolProviders.ToList();
        Logger = logger;
        Compactor = new HistoryCompactor(logger);
    }

    public IServiceProvider Services { get; }

    /// <summary>Moves when a provider's tools changed, so running turns gather them again before their next model call.</summary>
    public Mcp.ToolCatalogChanges CatalogChanges { get; }

    public AgentOptions Options { get; }

    public IProjectStore Store { get; }

    public IProjectLogStore LogStore { get; }

    public TimeProvider Time { get; }

    public IReadOnlyList<IAgentToolProvider> ToolProviders { get; }

    public ILogger Logger { get; }

    public HistoryCompactor Compactor { get; }

    public UsageBudget Budget { get; }

    /// <summary>Where each model call is recorded; none when the host registered no usage store.</summary>
    public IUsageStore? UsageStore { get; }

    public IChatClient? ChatClient => Services.GetService<IChatClient>();

    public IToolApprovalGate? ApprovalGate => Services.GetService<IToolApprovalGate>();

    public IAsyncEnumerable<AgentEvent> RunStreamingAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return RunCoreAsync(request, cancellationToken);
    }

    public async Task<AgentTurnResult> RunAsync(AgentTurnRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var events = new List<AgentEvent>();
        var text = new StringBuilder();
        long input = 0;
        long output = 0;
        DoneEvent? done = null;
        await foreach (var agentEvent in RunCoreAsync(request, cancellationToken).ConfigureAwait(false))
        {
            events.Add(agentEvent);
            switch (agentEvent)
            {
                case TextDeltaEvent delta:
                    text.Append(delta.Text);
                    break;
                case UsageEvent usage:
                    input += usage.InputTokens;
                    output += usage.OutputTokens;
                    break;
                case DoneEvent d:
                    done = d;
                    break;
            }
        }

        return new AgentTurnResult(text.ToString(), done?.Reason ?? TurnEndReason.Failed, done?.Steps ?? 0, input, output, events);
    }

    internal bool TryBegin(string projectId, string sessionId) => _active.TryAdd((projectId, sessionId), 0);

    internal void End(string projectId, string sessionId) => _active.TryRemove((projectId, sessionId), out _);

    private async IAsyncEnumerable<AgentEvent> RunCoreAsync(AgentTurnRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var turnCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var turn = new AgentTurn(this, request, channel.Writer);
        var producer = Task.Run(() => turn.RunAsync(turnCancellation.Token), CancellationToken.None);
        try
        {
            // Read without the caller's token: cancellation makes the producer finish with DoneEvent(Cancelled).
            await foreach (var agentEvent in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return agentEvent;
            }
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                await turnCancellation.CancelAsync().ConfigureAwait(false);
            }

            await producer.ConfigureAwait(false);
        }
    }

    private static void Validate(AgentTurnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StorageId.Validate(request.ProjectId, nameof(request.ProjectId));
        StorageId.Validate(request.SessionId, nameof(request.SessionId));
        ArgumentNullException.ThrowIfNull(request.Message, nameof(request.Message));
        ArgumentNullException.ThrowIfNull(request.Sandbox, nameof(request.Sandbox));
        if (string.IsNullOrWhiteSpace(request.Message))
        {
            throw new ArgumentException("The message is empty.", nameof(request));
        }
    }
}
