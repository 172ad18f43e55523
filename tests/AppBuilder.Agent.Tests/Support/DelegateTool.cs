using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>A host tool whose behaviour a test supplies.</summary>
internal sealed class DelegateTool(string name, Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> body) : AIFunction
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    public override string Name => name;

    public override string Description => "Test tool " + name;

    public override JsonElement JsonSchema => Schema;

    public int Invocations { get; private set; }

    /// <summary>A tool that signals <paramref name="started"/> and then waits until the turn is cancelled.</summary>
    public static DelegateTool Hanging(string name, TaskCompletionSource started) => new(name, async (_, ct) =>
    {
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return null;
    });

    /// <summary>A tool that signals <paramref name="started"/>, then waits for <paramref name="release"/>.</summary>
    public static DelegateTool Gated(string name, TaskCompletionSource started, Task release) => new(name, async (_, ct) =>
    {
        started.TrySetResult();
        await release.WaitAsync(ct);
        return "released";
    });

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        Invocations++;
        return body(arguments, cancellationToken);
    }
}
