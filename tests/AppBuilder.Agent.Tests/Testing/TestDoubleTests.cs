using AppBuilder.Testing;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Testing;

/// <summary>The shared fakes do what their documentation says.</summary>
public sealed class TestDoubleTests
{
    [Fact]
    public async Task ProjectStore_Messages_RoundTripThroughJson()
    {
        var store = new InMemoryProjectStore();
        await store.SeedAsync("p", "s");
        ChatMessage[] messages =
        [
            new(ChatRole.User, "hi"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "view", new Dictionary<string, object?> { ["file_path"] = "a.ts" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "text")]),
        ];

        await store.AppendMessagesAsync("p", "s", messages);
        var read = await store.GetMessagesAsync("p", "s");

        read.Should().HaveCount(3);
        read[1].Contents.OfType<FunctionCallContent>().Single().Arguments!["file_path"]!.ToString().Should().Be("a.ts");
        read[2].Contents.OfType<FunctionResultContent>().Single().Result!.ToString().Should().Be("text");
        read[0].Should().NotBeSameAs(messages[0]);
        await store.Invoking(s => s.AppendMessagesAsync("p", "unknown", messages)).Should().ThrowAsync<KeyNotFoundException>();
    }

    [Fact]
    public async Task ProjectStore_Replace_ReplacesTheHistory()
    {
        var store = new InMemoryProjectStore();
        await store.SeedAsync("p", "s");
        await store.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.User, "b")]);

        await store.ReplaceMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "summary")]);

        (await store.GetMessagesAsync("p", "s")).Select(m => m.Text).Should().Equal("summary");
        store.ReplaceCount.Should().Be(1);
    }

    [Fact]
    public async Task ScriptedChatClient_RecordsCallsAndThrowsWhenEmpty()
    {
        var client = new ScriptedChatClient(ScriptedResponse.FromText("a", "b").Usage(3, 4));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "m" });
        var empty = () => client.GetResponseAsync("again");

        response.Text.Should().Be("ab");
        response.Usage!.TotalTokenCount.Should().Be(7);
        await empty.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no response left for call 2*");
        client.Calls.Should().HaveCount(2);
        client.Calls[0].Messages.Single().Text.Should().Be("hi");
        client.Calls[0].Options!.ModelId.Should().Be("m");
        client.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("scripted");
    }

    [Fact]
    public void ScriptedChatClient_ToolCallJson_MalformedJson_SetsTheException()
    {
        var response = ScriptedResponse.Create().ToolCallJson("c1", "write", "{oops");
        var client = new ScriptedChatClient(response);

        var update = client.GetStreamingResponseAsync("go").ToBlockingEnumerable().Single();

        update.Contents.OfType<FunctionCallContent>().Single().Exception.Should().NotBeNull();
    }
}
