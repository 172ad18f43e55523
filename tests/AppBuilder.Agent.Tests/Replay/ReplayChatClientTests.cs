using System.Text.Json;
using AppBuilder.Agent.Replay;
using AppBuilder.Agent.Tests.Providers;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Replay;

public sealed class ReplayChatClientTests
{
    private readonly ReplayChatClient _client =
        new(new ReplayLibrary([ReplayTestSupport.TwoTurnRecording()]), ReplayTestSupport.FastOptions);

    [Fact]
    public async Task GetStreamingResponse_FirstStep_StreamsTextInWordGroupsThenToolCalls()
    {
        var updates = await ReplayTestSupport.CollectAsync(
            _client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "build a kanban board")]));

        var textUpdates = updates.Where(u => u.Contents.OfType<TextContent>().Any()).Select(u => u.Text).ToList();
        textUpdates.Should().Equal("Planning the board ", "first, then the ", "columns.");
        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.CallId.Should().Be("c1");
        call.Name.Should().Be("view");
        ((JsonElement)call.Arguments!["file_path"]!).GetString().Should().Be("src/App.tsx");
        var response = updates.ToChatResponse();
        response.Messages.Should().ContainSingle("every update of a step shares one message id");
        response.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        response.ModelId.Should().Be("replay/kanban");
    }

    [Fact]
    public async Task GetStreamingResponse_AfterTwoAssistantMessages_PlaysThirdStep()
    {
        var history = new List<ChatMessage> { new(ChatRole.User, "build a kanban board") };
        ReplayTestSupport.AppendStep(history, await _client.GetResponseAsync(history));
        ReplayTestSupport.AppendStep(history, await _client.GetResponseAsync(history));

        var third = await _client.GetResponseAsync(history);

        third.Text.Should().Be("Your board is ready.");
        third.FinishReason.Should().Be(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task GetResponse_StepWithUsage_ReportsIt()
    {
        var history = new List<ChatMessage> { new(ChatRole.User, "kanban app") };
        ReplayTestSupport.AppendStep(history, await _client.GetResponseAsync(history));

        var second = await _client.GetResponseAsync(history);

        second.Usage!.InputTokenCount.Should().Be(100);
        second.Usage.OutputTokenCount.Should().Be(20);
        second.Messages.Single().Contents.OfType<FunctionCallContent>().Single().Name.Should().Be("write");
    }

    [Fact]
    public async Task GetResponse_SecondUserMessage_PlaysSecondTurn()
    {
        var history = new List<ChatMessage> { new(ChatRole.User, "build a kanban board") };
        for (var i = 0; i < 3; i++)
        {
            ReplayTestSupport.AppendStep(history, await _client.GetResponseAsync(history));
        }
        history.Add(new ChatMessage(ChatRole.User, "add a done column"));

        var response = await _client.GetResponseAsync(history);

        response.Text.Should().Be("Added the done column.");
    }

    [Fact]
    public async Task GetResponse_NoMatchingPrompt_ThrowsNoRecordingListingPrompts()
    {
        var client = ReplayTestSupport.BuiltInClient();

        var act = () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "build a flight simulator")]);

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("no_recording");
        error.Message.Should().Contain("build a flight simulator")
            .And.Contain("\"build me a todo app\"")
            .And.Contain("\"build a landing page for a coffee shop\"");
    }

    [Fact]
    public async Task GetResponse_MoreUserMessagesThanTurns_ThrowsNoRecording()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, "build a kanban board"), new(ChatRole.Assistant, "…"),
            new(ChatRole.User, "add a done column"), new(ChatRole.Assistant, "…"),
            new(ChatRole.User, "and a calendar"),
        };

        var act = () => _client.GetResponseAsync(history);

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("no_recording");
    }

    [Fact]
    public async Task GetStreamingResponse_WithChunkDelay_WaitsBetweenChunksOnTheTimeProvider()
    {
        var time = new RecordingFakeTimeProvider(ProviderTestData.Now);
        var client = new ReplayChatClient(new ReplayLibrary([ReplayTestSupport.TwoTurnRecording()]),
            new ReplayChatOptions { ChunkDelay = TimeSpan.FromMilliseconds(40), WordsPerChunk = 3 }, time);

        var updates = await time.RunAsync(ReplayTestSupport.CollectAsync(
            client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "build a kanban board")])));

        time.Waits.Should().Equal(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(40));
        updates.ToChatResponse().Text.Should().Be("Planning the board first, then the columns.");
    }

    [Fact]
    public void GetService_Metadata_SaysReplayAndCarriesTitles()
    {
        var metadata = ReplayTestSupport.BuiltInClient().GetService<ChatClientMetadata>();

        metadata!.ProviderName.Should().Be("replay");
        metadata.Should().BeOfType<ReplayChatClientMetadata>()
            .Which.RecordingTitles.Should().Contain(["Todo app", "Coffee shop landing page"]);
    }

    [Theory]
    [InlineData("one two three four five six seven", 3, new[] { "one two three ", "four five six ", "seven" })]
    [InlineData("  lead\nand   tail  ", 1, new[] { "  lead\n", "and   ", "tail  " })]
    public void Chunk_Text_SplitsIntoWordGroupsThatConcatenateBack(string text, int words, string[] expected)
    {
        var chunks = ReplayChatClient.Chunk(text, words).ToList();

        chunks.Should().Equal(expected);
        string.Concat(chunks).Should().Be(text);
    }
}
