using AppBuilder.Agent.Providers;
using AppBuilder.Agent.Replay;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tests.Providers;

public sealed class ChatModelAppBuilderExtensionsTests
{
    [Fact]
    public void AddChatModel_NoProvider_RegistersReplayWithItsLibrary()
    {
        using var services = Build(new Dictionary<string, string?>());

        var client = services.GetRequiredService<IChatClient>();

        client.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("replay");
        services.GetRequiredService<ReplayLibrary>().Available.Select(r => r.Id).Should().Contain("todo-app");
    }

    [Fact]
    public void AddChatModel_OpenAIWithEndpoint_RegistersOpenAIClient()
    {
        using var services = Build(new()
        {
            ["AppBuilder:Model:Provider"] = "OpenAI",
            ["AppBuilder:Model:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["AppBuilder:Model:ModelId"] = "qwen2.5-coder",
            ["AppBuilder:Model:Retry:MaxRetryAttempts"] = "5",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var metadata = services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!;

        metadata.ProviderName.Should().Be("openai");
        metadata.ProviderUri.Should().Be(new Uri("http://127.0.0.1:11434/v1"));
        services.GetRequiredService<IOptions<OpenAIChatOptions>>().Value.Retry.MaxRetryAttempts.Should().Be(5);
    }

    [Fact]
    public void AddChatModel_AnthropicWithoutApiKey_FailsAtStartNamingTheKey()
    {
        using var services = Build(new()
        {
            ["AppBuilder:Model:Provider"] = "anthropic",
            ["AppBuilder:Model:Endpoint"] = "http://127.0.0.1:9/",
            ["AppBuilder:Model:ModelId"] = "claude-test",
        });

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*AppBuilder:Model:ApiKey is required for provider 'anthropic'*");
    }

    [Fact]
    public void AddChatModel_OpenAIWithoutModelId_FailsAtStartNamingTheKey()
    {
        using var services = Build(new()
        {
            ["AppBuilder:Model:Provider"] = "openai",
            ["AppBuilder:Model:ApiKey"] = "sk-test",
        });

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AppBuilder:Model:ModelId is required for provider 'openai'*");
    }

    [Fact]
    public void AddChatModel_UnknownProvider_FailsAtStartListingTheChoices()
    {
        using var services = Build(new() { ["AppBuilder:Model:Provider"] = "gemini" });

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*AppBuilder:Model:Provider 'gemini' is not supported; use replay, openai*anthropic*");
    }

    [Fact]
    public void AddChatModel_MissingReplayDirectory_FailsAtStartNamingTheKey()
    {
        using var services = Build(new() { ["AppBuilder:Model:ReplayDirectory"] = "/nonexistent/appbuilder-recordings" });

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*ReplayDirectory*");
    }

    [Fact]
    public async Task AddChatModel_RecordTo_WrapsRealClientAndWritesRecording()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeModelTurn.Text("recorded ", "answer"));
        var dir = Directory.CreateTempSubdirectory("appbuilder-recordto-").FullName;
        try
        {
            using var services = Build(new()
            {
                ["AppBuilder:Model:Provider"] = "openai",
                ["AppBuilder:Model:Endpoint"] = server.BaseUrl.ToString(),
                ["AppBuilder:Model:ModelId"] = "gpt-test",
                ["AppBuilder:Model:RecordTo"] = dir,
            });
            var client = services.GetRequiredService<IChatClient>();

            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "build me a blog")]);

            response.Text.Should().Be("recorded answer");
            client.Should().BeOfType<RecordingChatClient>();
            client.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("openai");
            var recording = ReplayLibrary.LoadFile(Directory.EnumerateFiles(dir, "*.json").Single());
            recording.Turns.Single().Steps.Single().Text.Should().Be("recorded answer");
            recording.Metadata.Model.Should().Be("gpt-test");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AddOpenAIChat_AfterConfiguredDefault_ReplacesTheModelAndKeepsTheMiddleware()
    {
        var collection = new ServiceCollection();
        var appBuilder = collection.AddAppBuilderCore();
        appBuilder.AddChatModel(Section(new Dictionary<string, string?>())).Use(inner => new MarkerChatClient(inner));
        appBuilder.AddOpenAIChat(o =>
        {
            o.Endpoint = new Uri("http://127.0.0.1:9/v1");
            o.ModelId = "m";
        });
        using var services = collection.BuildServiceProvider();

        var client = services.GetServices<IChatClient>().Should().ContainSingle().Subject;
        client.Should().BeOfType<MarkerChatClient>("middleware added before the model was swapped stays");
        client.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("openai");
    }

    [Fact]
    public void AddReplayChat_Twice_RegistersOneClient()
    {
        var collection = new ServiceCollection();
        var appBuilder = collection.AddAppBuilderCore();
        appBuilder.AddReplayChat();
        appBuilder.AddReplayChat(o => o.WordsPerChunk = 5);
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetServices<IChatClient>().Should().ContainSingle();
        services.GetRequiredService<IOptions<ReplayChatOptions>>().Value.WordsPerChunk.Should().Be(5);
    }

    [Fact]
    public void AddReplayChat_ReturnsTheBuilder_MiddlewareWrapsTheModelFirstAddedOutermost()
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore().AddReplayChat()
            .Use(inner => new MarkerChatClient(inner, "outer"))
            .Use(inner => new MarkerChatClient(inner, "inner"));
        using var services = collection.BuildServiceProvider();

        var outer = services.GetRequiredService<IChatClient>().Should().BeOfType<MarkerChatClient>().Subject;
        outer.Name.Should().Be("outer");
        outer.Inner.Should().BeOfType<MarkerChatClient>().Which.Name.Should().Be("inner");
        outer.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("replay");
    }

    [Fact]
    public void ConfigureChatClient_BeforeAndAfterTheModelVerb_AddsMiddlewareBothTimes()
    {
        var collection = new ServiceCollection();
        var appBuilder = collection.AddAppBuilderCore();
        appBuilder.ConfigureChatClient(chat => chat.Use(inner => new MarkerChatClient(inner, "early")));
        appBuilder.AddReplayChat();
        appBuilder.ConfigureChatClient(chat => chat.UseLogging());
        using var services = collection.BuildServiceProvider();

        var client = services.GetRequiredService<IChatClient>();

        client.Should().BeOfType<MarkerChatClient>().Which.Name.Should().Be("early");
        client.GetService<LoggingChatClient>().Should().NotBeNull();
    }

    [Fact]
    public void ConfigureChatClient_WithoutAModel_RegistersNoChatClient()
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore().ConfigureChatClient(chat => chat.UseLogging());

        collection.Should().NotContain(d => d.ServiceType == typeof(IChatClient));
    }

    [Fact]
    public void AddChatModel_UseOpenTelemetry_ChainsOnTheConfiguredModel()
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore().AddChatModel(Section(new Dictionary<string, string?>())).UseOpenTelemetry();
        using var services = collection.BuildServiceProvider();

        var client = services.GetRequiredService<IChatClient>();

        client.Should().BeOfType<OpenTelemetryChatClient>();
        client.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("replay");
    }

    [Fact]
    public async Task AddChatModel_OpenAI_SendsThroughTheNamedHttpClientRetryingOnTheHostsClock()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(new FakeHttpFailure(429, RetryAfter: "7"));
        server.Enqueue(FakeModelTurn.Text("after a retry"));
        var time = new RecordingFakeTimeProvider(ProviderTestData.Now);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddAppBuilderCore().AddChatModel(Section(new()
        {
            ["AppBuilder:Model:Provider"] = "openai",
            ["AppBuilder:Model:Endpoint"] = server.BaseUrl.ToString(),
            ["AppBuilder:Model:ModelId"] = "gpt-test",
            ["AppBuilder:Model:Retry:BaseDelay"] = "00:00:00",
        }));
        var handlerRan = 0;
        collection.AddHttpClient(ChatModelAppBuilderExtensions.OpenAIHttpClientName)
            .AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref handlerRan)));
        using var services = collection.BuildServiceProvider();

        var response = await time.RunAsync(services.GetRequiredService<IChatClient>().GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        response.Text.Should().Be("after a retry");
        server.Requests.Should().HaveCount(2);
        handlerRan.Should().Be(2, "the host's handler sits under the retry handler and sees both attempts");
        time.Waits.Should().Contain(TimeSpan.FromSeconds(7), "Retry-After is honoured on the host's clock");
    }

    [Fact]
    public void AddChatModel_OpenAIWithoutEndpoint_TakesTheKeyFromTheEnvironmentOnlyForOpenAIsOwnEndpoint()
    {
        var previous = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-from-env");
        try
        {
            using var own = Build(new() { ["AppBuilder:Model:Provider"] = "openai", ["AppBuilder:Model:ModelId"] = "gpt-test" });
            using var other = Build(new()
            {
                ["AppBuilder:Model:Provider"] = "openai",
                ["AppBuilder:Model:ModelId"] = "gpt-test",
                ["AppBuilder:Model:Endpoint"] = "http://127.0.0.1:9/v1",
            });

            own.GetRequiredService<IOptions<OpenAIChatOptions>>().Value.ApiKey.Should().Be("sk-from-env");
            other.GetRequiredService<IOptions<OpenAIChatOptions>>().Value.ApiKey.Should().BeNull();
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous);
        }
    }

    private sealed class MarkerChatClient(IChatClient inner, string name = "marker") : DelegatingChatClient(inner)
    {
        public string Name => name;

        public IChatClient Inner => InnerClient;
    }

    private sealed class CountingHandler(Action onSend) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore().AddChatModel(Section(settings));
        return collection.BuildServiceProvider();
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("AppBuilder:Model");
}
