using System.Text.Json;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Replay;

internal static class ReplayTestSupport
{
    /// <summary>Replay options without pauses, so tests run at full speed.</summary>
    public static ReplayChatOptions FastOptions => new() { ChunkDelay = TimeSpan.Zero, WordsPerChunk = 3 };

    public static ReplayChatClient BuiltInClient() => new(ReplayLibrary.Load(FastOptions), FastOptions);

    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }
        return list;
    }

    /// <summary>What an agent loop appends after a step: the assistant message, then one tool result per call.</summary>
    public static void AppendStep(List<ChatMessage> history, ChatResponse response)
    {
        history.AddRange(response.Messages);
        var results = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(call => (AIContent)new FunctionResultContent(call.CallId, $"ok: {call.Name}"))
            .ToList();
        if (results.Count > 0)
        {
            history.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    public static string ArgumentsJson(FunctionCallContent call) =>
        JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>A small recording with two turns, written in the file format.</summary>
    public static ReplayRecording TwoTurnRecording(string id = "kanban") => new()
    {
        Id = id,
        Metadata = new ReplayMetadata { Title = "Kanban board", Source = ReplayMetadata.HandWritten },
        Prompts = ["build a kanban board", "kanban app"],
        Turns =
        [
            new ReplayTurn
            {
                User = "build a kanban board",
                Steps =
                [
                    new ReplayStep
                    {
                        Text = "Planning the board first, then the columns.",
                        ToolCalls = [new ReplayToolCall { Id = "c1", Name = "view", Arguments = Json("""{"file_path":"src/App.tsx"}""") }],
                    },
                    new ReplayStep
                    {
                        ToolCalls = [new ReplayToolCall { Id = "c2", Name = "write", Arguments = Json("""{"file_path":"src/Board.tsx","content":"x"}""") }],
                        Usage = new ReplayUsage { InputTokens = 100, OutputTokens = 20, TotalTokens = 120 },
                    },
                    new ReplayStep { Text = "Your board is ready." },
                ],
            },
            new ReplayTurn
            {
                User = "add a done column",
                Steps = [new ReplayStep { Text = "Added the done column." }],
            },
        ],
    };

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
