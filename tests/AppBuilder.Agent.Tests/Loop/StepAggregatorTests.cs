using AppBuilder.Agent.Loop;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Loop;

public sealed class StepAggregatorTests
{
    private static ChatResponse Response(params AIContent[][] updates) =>
        updates.Select(u => new ChatResponseUpdate(ChatRole.Assistant, u) { MessageId = "m1" }).ToChatResponse();

    [Fact]
    public void Build_TextChunks_AreCoalescedIntoOneAssistantMessage()
    {
        var (assistant, calls) = StepAggregator.Build(Response([new TextContent("Hel")], [new TextContent("lo")]));

        calls.Should().BeEmpty();
        assistant.Role.Should().Be(ChatRole.Assistant);
        assistant.Text.Should().Be("Hello");
    }

    [Fact]
    public void Build_WholeCalls_AreRunInOrderAndKeptBesideTheText()
    {
        var write = new FunctionCallContent("c1", "write", new Dictionary<string, object?> { ["file_path"] = "a.ts", ["content"] = "content" });
        var view = new FunctionCallContent("c2", "view", new Dictionary<string, object?> { ["file_path"] = "b.ts" });

        var (assistant, calls) = StepAggregator.Build(Response([new TextContent("x"), write], [view]));

        calls.Select(c => (c.CallId, c.Name)).Should().Equal(("c1", "write"), ("c2", "view"));
        calls[0].Arguments!["content"].Should().Be("content");
        assistant.Contents.Select(c => c.GetType().Name).Should().Equal("TextContent", "FunctionCallContent", "FunctionCallContent");
    }

    [Fact]
    public void Build_InformationalOnlyCallsAndUsage_AreNotExecutedOrKept()
    {
        var serverSide = new FunctionCallContent("s1", "web_search") { InformationalOnly = true };

        var (assistant, calls) = StepAggregator.Build(Response([serverSide, new UsageContent(new UsageDetails { InputTokenCount = 1 })], [new TextContent("hi")]));

        calls.Should().BeEmpty();
        assistant.Contents.Should().ContainSingle().Which.Should().BeOfType<TextContent>();
    }

    [Fact]
    public void Build_CallWithoutId_GetsOne()
    {
        var (_, calls) = StepAggregator.Build(Response([new FunctionCallContent("", "view", new Dictionary<string, object?>())]));

        calls.Single().CallId.Should().Be("call_1");
    }
}
