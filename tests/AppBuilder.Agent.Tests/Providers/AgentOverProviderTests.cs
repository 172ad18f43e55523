using System.Collections.Concurrent;
using System.Diagnostics;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Providers;

/// <summary>
/// The agent loop over the real provider adapters and a fake server on the wire: streamed tool-call fragments are
/// assembled by the SDK adapter alone, retries happen under it, and the whole pipeline reports to OpenTelemetry.
/// </summary>
public sealed class AgentOverProviderTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Run_OpenAIToolCallSplitAcrossChunksAfterA429_WritesTheWholeFileAndTracesTheTurn()
    {
        var content = string.Concat(Enumerable.Range(0, 60).Select(i => $"export const v{i} = {i};\n"));
        var arguments = System.Text.Json.JsonSerializer.Serialize(new { file_path = "src/values.ts", content });
        var third = arguments.Length / 3;
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: "0", Message: "slow down"));
        _server.Enqueue(FakeModelTurn.Tools(new FakeToolCall("call_w", "write",
            [arguments[..third], arguments[third..(2 * third)], arguments[(2 * third)..]])));
        _server.Enqueue(FakeModelTurn.Text("Done."));

        var sessionId = "provider-" + Guid.NewGuid().ToString("N");
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AgentDiagnostics.SourceName or AgentDiagnostics.ChatClientSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddOpenAIChat(o =>
        {
            o.Endpoint = _server.BaseUrl;
            o.ModelId = "gpt-test";
        }).UseOpenTelemetry());

        var result = await agent.Runner.RunAsync(agent.Request("Write values", sessionId: sessionId));

        result.Events.OfType<ErrorEvent>().Should().BeEmpty();
        result.Events.OfType<ToolCallCompletedEvent>().Should().ContainSingle().Which.IsError.Should().BeFalse();
        agent.Sandbox.FileSystem.GetText("src/values.ts").Should().Be(content);
        _server.Requests.Should().HaveCount(3, "one 429, then the tool-call step and the final step");

        var turn = activities.Should().ContainSingle(a => a.OperationName == "invoke_agent AppBuilder"
            && (string?)a.GetTagItem("gen_ai.conversation.id") == sessionId).Subject;
        turn.GetTagItem("gen_ai.provider.name").Should().Be("openai");
        turn.GetTagItem("gen_ai.request.model").Should().Be("gpt-test");
        var children = activities.Where(a => a.ParentSpanId == turn.SpanId).Select(a => a.DisplayName).ToList();
        children.Should().Equal("chat gpt-test", "execute_tool write", "chat gpt-test");
    }

    [Fact]
    public async Task Run_PipelineWithFunctionInvocation_RefusesToStartAndRunsNoTool()
    {
        _server.Enqueue(FakeModelTurn.Tools(new FakeToolCall("call_w", "write", ["{\"file_path\":\"a.txt\",\"content\":\"x\"}"])));
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddOpenAIChat(o =>
        {
            o.Endpoint = _server.BaseUrl;
            o.ModelId = "gpt-test";
        }).UseFunctionInvocation());

        var act = () => agent.RunAsync("Write it");

        (await act.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain("FunctionInvokingChatClient");
        _server.Requests.Should().BeEmpty();
        agent.Sandbox.FileSystem.GetText("a.txt").Should().BeNull();
    }
}
