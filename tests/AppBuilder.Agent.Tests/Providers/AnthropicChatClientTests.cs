using System.Text.Json;
using System.Text.Json.Nodes;
using AppBuilder.Agent.Providers;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Providers;

public sealed class AnthropicChatClientTests : IAsyncLifetime
{
    private FakeAnthropicServer _server = null!;
    private readonly RecordingFakeTimeProvider _time = new(ProviderTestData.Now);

    // Retries wait on the fake clock: collect while moving it by exactly each wait the client starts.
    private Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates) =>
        _time.RunAsync(ProviderTestData.CollectAsync(updates));

    public async Task InitializeAsync() => _server = await FakeAnthropicServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient CreateClient(Uri? endpoint = null, string apiKey = "sk-ant-test") =>
        ChatModelFactory.CreateAnthropic(new AnthropicChatOptions
        {
            Endpoint = endpoint ?? _server.BaseUrl,
            ApiKey = apiKey,
            ModelId = "claude-test",
            MaxTokens = 2048,
            Retry = new ModelRetryOptions { MaxRetryAttempts = 3, MaxDelay = TimeSpan.FromSeconds(30) },
        }, _time);

    [Fact]
    public async Task GetStreamingResponse_TextDeltas_StreamsOneUpdatePerDelta()
    {
        _server.Enqueue(FakeModelTurn.Text("Hello", " there,", " builder!"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.Where(u => u.Contents.OfType<TextContent>().Any(t => t.Text.Length > 0)).Select(u => u.Text)
            .Should().Equal("Hello", " there,", " builder!");
        var response = updates.ToChatResponse();
        response.Text.Should().Be("Hello there, builder!");
        response.Messages.Should().ContainSingle("one step is one assistant message");
        response.FinishReason.Should().Be(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task GetStreamingResponse_InputJsonSplitAcrossDeltas_EmitsOneWholeFunctionCall()
    {
        _server.Enqueue(FakeModelTurn.Tools(new FakeToolCall("toolu_1", "write",
            ["{\"file_pa", "th\":\"src/App.tsx\",\"con", "tent\":\"export default ", "function App() {}\"}"])));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "write it")], new ChatOptions { Tools = [SchemaFunction.Write()] }));

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.CallId.Should().Be("toolu_1");
        call.Name.Should().Be("write");
        call.Exception.Should().BeNull();
        ArgumentText(call, "file_path").Should().Be("src/App.tsx");
        ArgumentText(call, "content").Should().Be("export default function App() {}");
        updates.ToChatResponse().FinishReason.Should().Be(ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task GetStreamingResponse_TwoToolUseBlocks_EmitsBothCallsInOrder()
    {
        _server.Enqueue(new FakeModelTurn(["Reading both."],
        [
            new FakeToolCall("toolu_a", "view", ["{\"file_", "path\":\"src/", "App.tsx\"}"]),
            new FakeToolCall("toolu_b", "view", ["{\"file_path\"", ":\"index.html\",", "\"lines\":\"1-5\"}"]),
        ]));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "read")], new ChatOptions { Tools = [SchemaFunction.View()] }));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        calls.Select(c => c.CallId).Should().Equal("toolu_a", "toolu_b");
        ArgumentText(calls[0], "file_path").Should().Be("src/App.tsx");
        ArgumentText(calls[1], "lines").Should().Be("1-5");
        updates.ToChatResponse().Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task GetStreamingResponse_HistoryAndTools_RequestCarriesSchemasToolUseAndToolResult()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient();

        await CollectAsync(client.GetStreamingResponseAsync(ProviderTestData.HistoryWithToolResult(),
            new ChatOptions { Tools = [SchemaFunction.Write(), SchemaFunction.View()] }));

        var body = _server.Requests.Should().ContainSingle().Subject.Json!;
        body["model"]!.GetValue<string>().Should().Be("claude-test");
        body["max_tokens"]!.GetValue<int>().Should().Be(2048);
        body["stream"]!.GetValue<bool>().Should().BeTrue();
        body["system"]!.ToJsonString().Should().Contain("You build apps.");

        var tools = body["tools"]!.AsArray();
        tools.Select(t => t!["name"]!.GetValue<string>()).Should().Equal("write", "view");
        var schema = tools[0]!["input_schema"]!;
        schema["type"]!.GetValue<string>().Should().Be("object");
        schema["properties"]!["file_path"]!["type"]!.GetValue<string>().Should().Be("string");
        schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("file_path", "content");

        var messages = body["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).Should().Equal("user", "assistant", "user");
        var toolUse = messages[1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        toolUse["id"]!.GetValue<string>().Should().Be("call_prev");
        toolUse["name"]!.GetValue<string>().Should().Be("view");
        toolUse["input"]!["file_path"]!.GetValue<string>().Should().Be("src/App.tsx");
        var toolResult = messages[2]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_result")!;
        toolResult["tool_use_id"]!.GetValue<string>().Should().Be("call_prev");
        toolResult["content"]!.ToJsonString().Should().Contain("export default function App() {}");
    }

    [Fact]
    public async Task GetStreamingResponse_MessageStartAndDeltaUsage_MapToUsageContent()
    {
        _server.Enqueue(new FakeModelTurn(["done"], [], InputTokens: 120, OutputTokens: 34));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var usage = updates.ToChatResponse().Usage!;
        usage.InputTokenCount.Should().Be(120);
        usage.OutputTokenCount.Should().Be(34);
    }

    [Fact]
    public async Task GetStreamingResponse_429WithRetryAfter_RetriesAfterThatDelay()
    {
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: "9", Message: "slow down"));
        _server.Enqueue(FakeModelTurn.Text("after the wait"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.ToChatResponse().Text.Should().Be("after the wait");
        _server.Requests.Should().HaveCount(2);
        _time.Waits.Should().Contain(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task GetStreamingResponse_529Overloaded_IsRetried()
    {
        _server.Enqueue(new FakeHttpFailure(529, Message: "Overloaded"));
        _server.Enqueue(FakeModelTurn.Text("back"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.ToChatResponse().Text.Should().Be("back");
        _server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetStreamingResponse_400_IsNotRetriedAndSurfacesAsModelError()
    {
        _server.Enqueue(new FakeHttpFailure(400, Message: "messages: roles must alternate"));
        _server.Enqueue(FakeModelTurn.Text("must not be reached"));
        using var client = CreateClient();

        var act = () => CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("model_error");
        error.Message.Should().Contain("HTTP 400").And.Contain("roles must alternate");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetResponse_NonStreaming_ReturnsTextAndToolCall()
    {
        _server.Enqueue(new FakeModelTurn(["Writing."], [new FakeToolCall("toolu_9", "write", ["{\"file_path\":\"a.txt\",\"content\":\"x\"}"])]));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")],
            new ChatOptions { Tools = [SchemaFunction.Write()] });

        response.Text.Should().Be("Writing.");
        ArgumentText(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single(), "file_path")
            .Should().Be("a.txt");
    }

    [Fact]
    public async Task GetStreamingResponse_401EchoingTheKey_NamesTheSettingAndRedactsTheKey()
    {
        _server.Enqueue(new FakeHttpFailure(401, Message: "invalid x-api-key sk-ant-secret-9"));
        using var client = CreateClient(apiKey: "sk-ant-secret-9");

        var act = () => ProviderTestData.CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.Message.Should().Contain("HTTP 401").And.Contain("AppBuilder:Model:ApiKey").And.Contain("[redacted]");
        error.Message.Should().NotContain("sk-ant-secret-9").And.NotContain(_server.BaseUrl.Host);
    }

    [Fact]
    public async Task GetStreamingResponse_NothingListening_FailsAsUnreachableWithoutTheAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = CreateClient(endpoint: new Uri($"http://127.0.0.1:{port}/"));

        var act = () => CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.Message.Should().Contain("could not be reached").And.Contain("AppBuilder:Model:Endpoint");
        error.Message.Should().NotContain("127.0.0.1");
    }

    [Fact]
    public async Task Create_WithEndpointOverride_SendsToThatBaseUrlAndReportsAnthropic()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient();

        await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/messages");
        request.Headers["authorization"].Should().Be("Bearer sk-ant-test", "Anthropic SDK 13.x sends the API key as a bearer token");
        request.Headers.Should().ContainKey("anthropic-version");
        var metadata = client.GetService<ChatClientMetadata>()!;
        metadata.ProviderName.Should().Be("anthropic");
        metadata.DefaultModelId.Should().Be("claude-test");
    }

    private static string? ArgumentText(FunctionCallContent call, string name) => call.Arguments![name] switch
    {
        JsonElement element => element.GetString(),
        JsonNode node => node.GetValue<string>(),
        var other => other?.ToString(),
    };
}
