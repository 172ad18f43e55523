using System.Text.Json;
using System.Text.Json.Nodes;
using AppBuilder.Agent.Providers;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Providers;

public sealed class OpenAIChatClientTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;
    private readonly RecordingFakeTimeProvider _time = new(ProviderTestData.Now);

    // Retries wait on the fake clock: collect while moving it by exactly each wait the client starts.
    private Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates) =>
        _time.RunAsync(ProviderTestData.CollectAsync(updates));

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient CreateClient(string? apiKey = "sk-test", int maxRetries = 3, Uri? endpoint = null) =>
        ChatModelFactory.CreateOpenAI(new OpenAIChatOptions
        {
            Endpoint = endpoint ?? _server.BaseUrl,
            ApiKey = apiKey,
            ModelId = "gpt-test",
            Retry = new ModelRetryOptions { MaxRetryAttempts = maxRetries, MaxDelay = TimeSpan.FromSeconds(30) },
        }, _time);

    [Fact]
    public async Task GetStreamingResponse_TextInChunks_StreamsOneUpdatePerChunk()
    {
        _server.Enqueue(FakeModelTurn.Text("Hello", " there,", " builder!"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.Where(u => u.Contents.OfType<TextContent>().Any(t => t.Text.Length > 0)).Select(u => u.Text)
            .Should().Equal("Hello", " there,", " builder!");
        updates.ToChatResponse().Text.Should().Be("Hello there, builder!");
        updates.ToChatResponse().Messages.Should().ContainSingle("one step is one assistant message");
        updates.Last(u => u.FinishReason is not null).FinishReason.Should().Be(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task GetStreamingResponse_ArgumentsSplitAcrossChunks_EmitsOneWholeFunctionCall()
    {
        _server.Enqueue(FakeModelTurn.Tools(new FakeToolCall("call_1", "write",
            ["{\"file_pa", "th\":\"src/App.tsx\",\"con", "tent\":\"export default ", "function App() {}\"}"])));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "write it")], new ChatOptions { Tools = [SchemaFunction.Write()] }));

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        call.CallId.Should().Be("call_1");
        call.Name.Should().Be("write");
        call.Exception.Should().BeNull();
        call.Arguments!["file_path"].Should().BeOfType<JsonElement>().Which.GetString().Should().Be("src/App.tsx");
        ((JsonElement)call.Arguments["content"]!).GetString().Should().Be("export default function App() {}");
        updates.Last(u => u.FinishReason is not null).FinishReason.Should().Be(ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task GetStreamingResponse_TwoParallelInterleavedCalls_AssemblesEachByIndex()
    {
        _server.Enqueue(new FakeModelTurn(["I'll read both files."],
        [
            new FakeToolCall("call_a", "view", ["{\"file_", "path\":\"src/", "App.tsx\"}"]),
            new FakeToolCall("call_b", "view", ["{\"file_path\"", ":\"index.html\",", "\"lines\":\"1-5\"}"]),
        ]) { InterleaveToolCalls = true });
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "read")], new ChatOptions { Tools = [SchemaFunction.View()] }));

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        calls.Select(c => c.CallId).Should().Equal("call_a", "call_b");
        ((JsonElement)calls[0].Arguments!["file_path"]!).GetString().Should().Be("src/App.tsx");
        ((JsonElement)calls[1].Arguments!["file_path"]!).GetString().Should().Be("index.html");
        ((JsonElement)calls[1].Arguments!["lines"]!).GetString().Should().Be("1-5");
        updates.ToChatResponse().Text.Should().Be("I'll read both files.");
    }

    [Fact]
    public async Task GetStreamingResponse_HistoryAndTools_RequestCarriesSchemasCallsAndToolResult()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient();

        await CollectAsync(client.GetStreamingResponseAsync(ProviderTestData.HistoryWithToolResult(),
            new ChatOptions { Tools = [SchemaFunction.Write(), SchemaFunction.View()] }));

        var body = _server.Requests.Should().ContainSingle().Subject.Json!;
        body["model"]!.GetValue<string>().Should().Be("gpt-test");
        body["stream"]!.GetValue<bool>().Should().BeTrue();
        body["stream_options"]!["include_usage"]!.GetValue<bool>().Should().BeTrue();

        var tools = body["tools"]!.AsArray();
        tools.Select(t => t!["function"]!["name"]!.GetValue<string>()).Should().Equal("write", "view");
        tools[0]!["type"]!.GetValue<string>().Should().Be("function");
        // The SDK adapter closes the object schema (additionalProperties: false); everything else is the tool's schema.
        var parameters = tools[0]!["function"]!["parameters"]!.AsObject();
        parameters.Remove("additionalProperties", out var additional).Should().BeTrue();
        additional!.GetValue<bool>().Should().BeFalse();
        JsonNode.DeepEquals(parameters, JsonNode.Parse(SchemaFunction.Write().JsonSchema.GetRawText()))
            .Should().BeTrue("the tool's JSON schema is sent as its parameters");

        var messages = body["messages"]!.AsArray();
        messages.Select(m => m!["role"]!.GetValue<string>()).Should().Equal("system", "user", "assistant", "tool");
        var toolCall = messages[2]!["tool_calls"]![0]!;
        toolCall["id"]!.GetValue<string>().Should().Be("call_prev");
        toolCall["function"]!["name"]!.GetValue<string>().Should().Be("view");
        JsonNode.DeepEquals(JsonNode.Parse(toolCall["function"]!["arguments"]!.GetValue<string>()),
            JsonNode.Parse("""{"file_path":"src/App.tsx"}""")).Should().BeTrue("the call's arguments go back as a JSON object string");
        messages[2]!["content"]!.ToJsonString().Should().Contain("Let me look.");
        messages[3]!["tool_call_id"]!.GetValue<string>().Should().Be("call_prev");
        messages[3]!["content"]!.ToJsonString().Should().Contain("export default function App() {}");
    }

    [Fact]
    public async Task GetStreamingResponse_FinalUsageChunk_MapsToUsageContent()
    {
        _server.Enqueue(new FakeModelTurn(["done"], [], InputTokens: 120, OutputTokens: 34) { CachedInputTokens = 96 });
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Should().ContainSingle().Subject.Details;
        usage.InputTokenCount.Should().Be(120);
        usage.OutputTokenCount.Should().Be(34);
        usage.TotalTokenCount.Should().Be(154);
        usage.CachedInputTokenCount.Should().Be(96);
    }

    [Fact]
    public async Task GetStreamingResponse_429WithRetryAfterSeconds_RetriesAfterThatDelay()
    {
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: "7", Message: "slow down"));
        _server.Enqueue(FakeModelTurn.Text("after the wait"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.ToChatResponse().Text.Should().Be("after the wait");
        _server.Requests.Should().HaveCount(2);
        _time.Waits.Should().Contain(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task GetStreamingResponse_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: ProviderTestData.Now.AddSeconds(12).ToString("R")));
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient();

        await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        _server.Requests.Should().HaveCount(2);
        _time.Waits.Should().Contain(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task GetStreamingResponse_503Twice_RetriesUntilSuccess()
    {
        _server.Enqueue(new FakeHttpFailure(503));
        _server.Enqueue(new FakeHttpFailure(503));
        _server.Enqueue(FakeModelTurn.Text("third time lucky"));
        using var client = CreateClient();

        var updates = await CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        updates.ToChatResponse().Text.Should().Be("third time lucky");
        _server.Requests.Should().HaveCount(3);
        _server.Requests.Select(r => r.Body).Distinct().Should().ContainSingle("every attempt sends the same body");
    }

    [Fact]
    public async Task GetStreamingResponse_RetryAfterLongerThanMaxDelay_FailsWithoutWaiting()
    {
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: "3600", Message: "quota exhausted"));
        using var client = CreateClient();

        var act = () => CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("429").And.Contain("quota exhausted");
        _server.Requests.Should().ContainSingle();
        _time.Waits.Should().BeEmpty();
    }

    [Fact]
    public async Task GetStreamingResponse_400_IsNotRetriedAndSurfacesAsModelError()
    {
        _server.Enqueue(new FakeHttpFailure(400, Message: "tools[0].function.parameters is invalid"));
        _server.Enqueue(FakeModelTurn.Text("must not be reached"));
        using var client = CreateClient();

        var act = () => CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("model_error");
        error.Message.Should().Contain("HTTP 400").And.Contain("tools[0].function.parameters is invalid");
        _server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetResponse_NonStreaming_ReturnsTextToolCallsUsageAndFinishReason()
    {
        _server.Enqueue(new FakeModelTurn(["Writing it now."],
            [new FakeToolCall("call_9", "write", ["{\"file_path\":\"a.txt\",\"content\":\"x\"}"])], 5, 6));
        using var client = CreateClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")],
            new ChatOptions { Tools = [SchemaFunction.Write()] });

        _server.Requests.Single().Json!["stream"].Should().BeNull();
        response.Text.Should().Be("Writing it now.");
        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Should().ContainSingle().Subject;
        ((JsonElement)call.Arguments!["file_path"]!).GetString().Should().Be("a.txt");
        response.FinishReason.Should().Be(ChatFinishReason.ToolCalls);
        response.Usage!.TotalTokenCount.Should().Be(11);
    }

    [Fact]
    public async Task GetResponse_429ThenSuccess_RetriesTheWholeCompletion()
    {
        _server.Enqueue(new FakeHttpFailure(429, RetryAfter: "2"));
        _server.Enqueue(FakeModelTurn.Text("whole answer"));
        using var client = CreateClient();

        var response = await _time.RunAsync(client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        response.Text.Should().Be("whole answer");
        _server.Requests.Should().HaveCount(2);
        _time.Waits.Should().Contain(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetStreamingResponse_401EchoingTheKey_NamesTheSettingAndRedactsTheKeyAndHost()
    {
        _server.Enqueue(new FakeHttpFailure(401, Message: "Incorrect API key provided: sk-secret-123. Get one at the dashboard."));
        using var client = CreateClient(apiKey: "sk-secret-123");

        var act = () => ProviderTestData.CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("model_error");
        error.Message.Should().Contain("HTTP 401").And.Contain("AppBuilder:Model:ApiKey").And.Contain("[redacted]");
        error.Message.Should().NotContain("sk-secret-123").And.NotContain(_server.BaseUrl.Host);
        _server.Requests.Should().ContainSingle("401 is not retried");
    }

    [Fact]
    public async Task GetStreamingResponse_NothingListening_FailsAsUnreachableWithoutTheAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = CreateClient(maxRetries: 1, endpoint: new Uri($"http://127.0.0.1:{port}/v1/"));

        var act = () => CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.Message.Should().Contain("could not be reached").And.Contain("AppBuilder:Model:Endpoint");
        error.Message.Should().NotContain("127.0.0.1").And.NotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _time.Waits.Should().ContainSingle("a refused connection is retried once, as configured");
    }

    [Fact]
    public async Task GetStreamingResponse_OptionsModelIdAndMaxOutputTokens_AreSentInsteadOfTheDefaults()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = ChatModelFactory.CreateOpenAI(new OpenAIChatOptions
        {
            Endpoint = _server.BaseUrl,
            ModelId = "gpt-test",
            MaxOutputTokens = 1000,
        }, _time);

        await ProviderTestData.CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")],
            new ChatOptions { ModelId = "gpt-other" }));
        _server.Enqueue(FakeModelTurn.Text("ok"));
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 50 });

        var first = _server.Requests[0].Json!;
        first["model"]!.GetValue<string>().Should().Be("gpt-other");
        first["max_completion_tokens"]!.GetValue<int>().Should().Be(1000, "the configured default applies when the call sets none");
        var second = _server.Requests[1].Json!;
        second["model"]!.GetValue<string>().Should().Be("gpt-test");
        second["max_completion_tokens"]!.GetValue<int>().Should().Be(50);
    }

    [Fact]
    public async Task Create_WithEndpointOverride_SendsToThatBaseUrlWithBearerKey()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient(apiKey: "sk-local");

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        var request = _server.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/chat/completions");
        request.Headers["authorization"].Should().Be("Bearer sk-local");
        var metadata = client.GetService<ChatClientMetadata>()!;
        metadata.ProviderName.Should().Be("openai");
        metadata.ProviderUri.Should().Be(_server.BaseUrl);
        metadata.DefaultModelId.Should().Be("gpt-test");
    }

    [Fact]
    public async Task Create_WithoutApiKey_SendsNoAuthorizationHeader()
    {
        _server.Enqueue(FakeModelTurn.Text("ok"));
        using var client = CreateClient(apiKey: null);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        _server.Requests.Single().Headers.Should().NotContainKey("authorization");
    }
}
