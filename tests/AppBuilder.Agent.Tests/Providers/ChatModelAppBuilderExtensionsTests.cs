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
    public void AddOpenAIChat_AfterConfiguredDefault_ReplacesTheModel()
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore()
            .AddChatModel(Section(new Dictionary<string, string?>()))
            .AddOpenAIChat(o =>
            {
                o.Endpoint = new Uri("http://127.0.0.1:9/v1");
                o.ModelId = "m";
            });
        using var services = collection.BuildServiceProvider();

        services.GetServices<IChatClient>().Should().ContainSingle()
            .Which.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("openai");
    }

    [Fact]
    public void AddReplayChat_Twice_RegistersOneClient()
    {
        var collection = new ServiceCollection();
        collection.AddAppBuilderCore().AddReplayChat().AddReplayChat(o => o.WordsPerChunk = 5);
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetServices<IChatClient>().Should().ContainSingle();
        services.GetRequiredService<IOptions<ReplayChatOptions>>().Value.WordsPerChunk.Should().Be(5);
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
