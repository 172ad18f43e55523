using System.Diagnostics;
using AppBuilder.Agent;
using AppBuilder.Events;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Bench.Agent;

/// <summary>
/// Measures what the agent loop costs per tool call: one scripted model step asks for <c>toolCalls</c> <c>view</c>
/// calls on an in-memory sandbox (then a second step answers with text), against invoking the same tool directly the
/// same number of times. The difference is the loop's own work: argument merging, approval checks, event streaming,
/// telemetry, history building and persistence (through a JSON round-tripping in-memory store).
/// </summary>
public static class AgentLoopOverheadBench
{
    private const string FilePath = "src/App.tsx";

    /// <summary>Runs the measurement (after a small warm-up) and returns the timings.</summary>
    public static async Task<AgentLoopOverheadResult> RunAsync(int toolCalls = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toolCalls, 1);
        await MeasureAsync(Math.Min(toolCalls, 50)).ConfigureAwait(false);
        return await MeasureAsync(toolCalls).ConfigureAwait(false);
    }

    private static async Task<AgentLoopOverheadResult> MeasureAsync(int toolCalls)
    {
        var chat = new ScriptedChatClient { YieldBetweenUpdates = false };
        var store = new InMemoryProjectStore();
        await store.SeedAsync("bench", "session").ConfigureAwait(false);
        var sandbox = new InMemorySandbox("bench");
        sandbox.FileSystem.Seed(FilePath,
            "import './index.css';\n\nexport default function App() {\n  return <h1 className=\"text-3xl\">Hello</h1>;\n}\n");

        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(chat);
        services.AddSingleton<IProjectStore>(store);
        services.AddAppBuilderCore().AddAgent(o => o.ContextTokenBudget = 10_000_000);
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<IAgentRunner>();

        var step = ScriptedResponse.Create();
        for (var i = 0; i < toolCalls; i++)
        {
            step.ToolCall($"call_{i}", AgentToolNames.View, new { file_path = FilePath });
        }

        chat.Enqueue(step, ScriptedResponse.FromText("Viewed."));
        var request = new AgentTurnRequest { ProjectId = "bench", SessionId = "session", Message = "view it", Sandbox = sandbox };

        Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var loopWatch = Stopwatch.StartNew();
        var result = await runner.RunAsync(request).ConfigureAwait(false);
        loopWatch.Stop();
        var loopAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (result.Reason != TurnEndReason.Completed || result.Events.OfType<ToolCallCompletedEvent>().Count(e => !e.IsError) != toolCalls)
        {
            throw new InvalidOperationException($"The benchmark turn did not complete as scripted: {result.Reason}.");
        }

        var context = new AgentToolContext("bench", "session", sandbox, provider.GetRequiredService<AppBuilder.Logs.IProjectLogStore>());
        var view = await FindViewToolAsync(provider, context).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            ["file_path"] = System.Text.Json.JsonSerializer.SerializeToElement(FilePath),
        };

        Collect();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var rawWatch = Stopwatch.StartNew();
        for (var i = 0; i < toolCalls; i++)
        {
            var text = await view.InvokeAsync(context.CreateArguments(arguments)).ConfigureAwait(false);
            if (text is not string)
            {
                throw new InvalidOperationException("The view tool returned no text.");
            }
        }

        rawWatch.Stop();
        var rawAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new AgentLoopOverheadResult(toolCalls, loopWatch.Elapsed, rawWatch.Elapsed, loopAllocated, rawAllocated, result.Events.Count);
    }

    private static async Task<AIFunction> FindViewToolAsync(IServiceProvider provider, AgentToolContext context)
    {
        foreach (var toolProvider in provider.GetServices<IAgentToolProvider>())
        {
            foreach (var tool in await toolProvider.GetToolsAsync(context).ConfigureAwait(false))
            {
                if (tool.Name == AgentToolNames.View)
                {
                    return tool;
                }
            }
        }

        throw new InvalidOperationException("The view tool is not registered.");
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
