using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Replay;

public sealed class RecordingChatClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("appbuilder-recording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RecordThenReplay_TwoTurnConversation_ReplaysIdenticalSteps()
    {
        var scripted = new ScriptedChatClient(
        [
            [Text("I'll look "), Text("at the app first."), Calls(Call("call_1", "view", ("file_path", "src/App.tsx"))), Usage(50, 10)],
            [Calls(Call("call_2", "write", ("file_path", "src/App.tsx"), ("content", "export default function App() {}")),
                   Call("call_3", "run_command", ("command", new[] { "npx", "tsc" }))), Usage(80, 40)],
            [Text("Done: "), Text("the app is written."), Finish(ChatFinishReason.Stop), Usage(90, 5)],
            [Text("Dark mode added."), Finish(ChatFinishReason.Stop)],
        ]);
        using var recorder = new RecordingChatClient(scripted, _dir);
        var original = await RunConversationAsync(recorder, ["build a notes app", "add dark mode"], stepsPerTurn: [3, 1]);

        var file = recorder.Files.Should().ContainSingle().Subject;
        var library = new ReplayLibrary([ReplayLibrary.LoadFile(file)]);
        using var replay = new ReplayChatClient(library, ReplayTestSupport.FastOptions);
        var replayed = await RunConversationAsync(replay, ["build a notes app", "add dark mode"], stepsPerTurn: [3, 1]);

        replayed.Should().HaveCount(original.Count);
        for (var i = 0; i < original.Count; i++)
        {
            replayed[i].Text.Should().Be(original[i].Text, $"step {i + 1} text");
            Calls(replayed[i]).Should().Equal(Calls(original[i]), $"step {i + 1} tool calls");
            replayed[i].Usage?.InputTokenCount.Should().Be(original[i].Usage?.InputTokenCount);
            replayed[i].Usage?.OutputTokenCount.Should().Be(original[i].Usage?.OutputTokenCount);
            replayed[i].FinishReason.Should().Be(original[i].FinishReason);
        }
    }

    [Fact]
    public async Task Record_StreamedStep_PassesUpdatesThroughAndWritesRecordedFile()
    {
        var updates = new[] { Text("Hello "), Text("world"), Finish(ChatFinishReason.Stop) };
        var scripted = new ScriptedChatClient([updates]);
        using var recorder = new RecordingChatClient(scripted, _dir);

        var seen = await ReplayTestSupport.CollectAsync(recorder.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "Build a Notes App!")],
            new ChatOptions { Tools = [Providers.SchemaFunction.Write()] }));

        seen.Should().Equal(updates, "the recorder hands over the inner client's updates untouched");
        var path = recorder.Files.Single();
        Path.GetFileName(path).Should().StartWith("build-a-notes-app-");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["format"]!.GetValue<string>().Should().Be("appbuilder-replay/1");
        json["metadata"]!["source"]!.GetValue<string>().Should().Be("recorded");
        json["prompts"]![0]!.GetValue<string>().Should().Be("Build a Notes App!");
        var step = json["turns"]![0]!["steps"]![0]!;
        step["text"]!.GetValue<string>().Should().Be("Hello world");
        step["finishReason"]!.GetValue<string>().Should().Be("stop");
        step["request"]!["tools"]![0]!.GetValue<string>().Should().Be("write");
    }

    [Fact]
    public async Task Record_InnerClientFails_WritesNothingAndRethrows()
    {
        using var recorder = new RecordingChatClient(new ScriptedChatClient([]), _dir);

        var act = () => recorder.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        await act.Should().ThrowAsync<InvalidOperationException>();
        Directory.EnumerateFiles(_dir).Should().BeEmpty();
    }

    private static async Task<List<ChatResponse>> RunConversationAsync(IChatClient client, string[] userMessages, int[] stepsPerTurn)
    {
        var history = new List<ChatMessage>();
        var responses = new List<ChatResponse>();
        for (var turn = 0; turn < userMessages.Length; turn++)
        {
            history.Add(new ChatMessage(ChatRole.User, userMessages[turn]));
            for (var step = 0; step < stepsPerTurn[turn]; step++)
            {
                var updates = await ReplayTestSupport.CollectAsync(client.GetStreamingResponseAsync(history));
                var response = updates.ToChatResponse();
                responses.Add(response);
                ReplayTestSupport.AppendStep(history, response);
            }
        }
        return responses;
    }

    private static List<string> Calls(ChatResponse response) =>
        [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => $"{c.CallId} {c.Name} {ReplayTestSupport.ArgumentsJson(c)}")];

    private static ChatResponseUpdate Text(string text) => new(ChatRole.Assistant, text) { MessageId = "m" };

    private static ChatResponseUpdate Calls(params FunctionCallContent[] calls) =>
        new(ChatRole.Assistant, [.. calls]) { MessageId = "m", FinishReason = ChatFinishReason.ToolCalls };

    private static ChatResponseUpdate Finish(ChatFinishReason reason) => new(ChatRole.Assistant, []) { MessageId = "m", FinishReason = reason };

    private static ChatResponseUpdate Usage(long input, long output) =>
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output })])
        { MessageId = "m" };

    private static FunctionCallContent Call(string id, string name, params (string Key, object? Value)[] arguments) =>
        new(id, name, arguments.ToDictionary(a => a.Key, a => a.Value));

    /// <summary>Answers each call with the next scripted list of updates; fails when the script is used up.</summary>
    private sealed class ScriptedChatClient(IReadOnlyList<ChatResponseUpdate[]> steps) : IChatClient
    {
        private int _next;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
            ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (_next >= steps.Count)
            {
                throw new InvalidOperationException("script used up");
            }
            foreach (var update in steps[_next++])
            {
                await Task.Yield();
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "scripted-1") : null;

        public void Dispose() { }
    }
}
