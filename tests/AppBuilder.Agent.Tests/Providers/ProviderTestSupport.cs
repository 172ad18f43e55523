using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Providers;

/// <summary>A clock whose timers fire at once (on the thread pool) and remember how long they were asked to wait.</summary>
internal sealed class ImmediateTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() { }

        public ValueTask DisposeAsync() => default;
    }
}

/// <summary>A tool declaration with a fixed JSON schema, as the agent's tool catalog gives the model.</summary>
internal sealed class SchemaFunction(string name, string description, string schema) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(schema).RootElement.Clone();

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Declaration only.");

    public static SchemaFunction Write() => new("write", "Writes a file.",
        """{"type":"object","properties":{"file_path":{"type":"string"},"content":{"type":"string"}},"required":["file_path","content"]}""");

    public static SchemaFunction View() => new("view", "Reads a file.",
        """{"type":"object","properties":{"file_path":{"type":"string"},"lines":{"type":"string"}},"required":["file_path"]}""");
}

internal static class ProviderTestData
{
    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A conversation with a tool round trip: the model called view, the tool answered.</summary>
    public static List<ChatMessage> HistoryWithToolResult() =>
    [
        new(ChatRole.System, "You build apps."),
        new(ChatRole.User, "Show me App.tsx"),
        new(ChatRole.Assistant, [
            new TextContent("Let me look."),
            new FunctionCallContent("call_prev", "view", new Dictionary<string, object?> { ["file_path"] = "src/App.tsx" }),
        ]),
        new(ChatRole.Tool, [new FunctionResultContent("call_prev", "export default function App() {}")]),
    ];

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }
        return list;
    }
}
