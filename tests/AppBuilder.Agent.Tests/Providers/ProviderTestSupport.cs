using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Providers;

/// <summary>
/// The real <see cref="FakeTimeProvider"/>, which also tells the test each wait the code under test starts (the due time
/// of every timer it creates), so a test can move the clock by exactly that much. Time itself is FakeTimeProvider's.
/// </summary>
internal sealed class RecordingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private readonly ConcurrentQueue<TimeSpan> _all = new();

    /// <summary>Every wait started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _all];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _all.Enqueue(dueTime);
            _waits.Writer.TryWrite(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>
    /// Awaits <paramref name="task"/>, moving the clock forward by each wait it starts (and only then), so code that
    /// waits on the clock between real I/O completes without sleeping. Fails if it neither completes nor waits within
    /// 30 real seconds.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
            var wait = _waits.Reader.ReadAsync(stop.Token).AsTask();
            if (await Task.WhenAny(task, wait) == task)
            {
                await stop.CancelAsync(); // so the pending read takes no wait that a later run should see
                return await task;
            }

            Advance(await wait);
        }
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
