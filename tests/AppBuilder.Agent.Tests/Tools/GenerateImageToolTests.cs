using AppBuilder.Agent.Images;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class GenerateImageToolTests
{
    private const string Key = "sk-image-test-key";

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static Task<ToolHarness> HarnessAsync(FakeOpenAIImagesServer server, Action<AgentOptions>? configure = null,
        string model = "gpt-image-1") =>
        ToolHarness.CreateAsync(configure, extra: b => b.AddOpenAIImageGeneration(o =>
        {
            o.ApiKey = Key;
            o.Endpoint = server.BaseUrl;
            o.ModelId = model;
            o.MaxRetries = 0;
        }));

    [Fact]
    public async Task Generate_WritesThePngIntoPublicAndReturnsTheAppPath()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage(Png);
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "a calm teal hero illustration", file_path = "public/images/hero.png" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Be($"Saved a 1024x1024 PNG ({Png.Length} bytes) to public/images/hero.png. Use it in the app as " +
            "\"/images/hero.png\", e.g. <img src=\"/images/hero.png\" alt=\"...\" />.");
        tools.Files.Snapshot().Files["public/images/hero.png"].Should().Equal(Png);
        tools.Events.OfType<FileChangedEvent>().Single().Should().Match<FileChangedEvent>(e =>
            e.Path == "public/images/hero.png" && e.Kind == FileChangeKind.Created);
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/images/generations");
        request.Headers["authorization"].Should().Be($"Bearer {Key}");
        request.Json!["model"]!.GetValue<string>().Should().Be("gpt-image-1");
        request.Json["prompt"]!.GetValue<string>().Should().Be("a calm teal hero illustration");
        request.Json["size"]!.GetValue<string>().Should().Be("1024x1024");
        request.Json.AsObject().ContainsKey("response_format").Should().BeFalse("gpt-image models refuse response_format");
    }

    [Fact]
    public async Task Generate_DallE_AsksForBase64AndTheRequestedSize()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage(Png);
        await using var tools = await HarnessAsync(server, model: "dall-e-3");

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "wide banner", file_path = "public/banner.png", size = "1536x1024" });

        outcome.Text.Should().StartWith("Saved a 1536x1024 PNG");
        var json = server.Requests.Single().Json!;
        json["response_format"]!.GetValue<string>().Should().Be("b64_json");
        json["size"]!.GetValue<string>().Should().Be("1536x1024");
    }

    [Fact]
    public async Task Generate_ExistingFile_IsReplaced()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage(Png);
        await using var tools = await HarnessAsync(server);
        tools.Files.Seed("public/logo.png", "old");

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "logo", file_path = "public/logo.png" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        tools.Events.OfType<FileChangedEvent>().Single().Kind.Should().Be(FileChangeKind.Changed);
    }

    [Fact]
    public async Task Generate_CustomEndpointWithoutAKey_SendsNoAuthorizationHeader()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage(Png);
        await using var tools = await ToolHarness.CreateAsync(extra: b => b.AddOpenAIImageGeneration(o => o.Endpoint = server.BaseUrl));

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        server.Requests.Single().Headers.Should().NotContainKey("authorization");
    }

    [Theory]
    [InlineData("src/assets/hero.png", "Error: 'src/assets/hero.png' is not inside public/")]
    [InlineData("hero.png", "Error: 'hero.png' is not inside public/")]
    [InlineData("publicity/hero.png", "Error: 'publicity/hero.png' is not inside public/")]
    [InlineData("public/hero.jpg", "Error: 'public/hero.jpg' does not end in .png")]
    [InlineData("public/../../etc/x.png", "Error: Path 'public/../../etc/x.png' is not allowed")]
    [InlineData("/public/hero.png", "Error: Path '/public/hero.png' is not allowed")]
    public async Task Generate_PathOutsidePublicOrNotPng_IsRefusedWithoutARequest(string path, string expectedStart)
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        await using var tools = await HarnessAsync(server);
        var before = tools.Files.Snapshot();

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = path });

        outcome.Text.Should().StartWith(expectedStart);
        server.Requests.Should().BeEmpty();
        tools.Files.Snapshot().SameAs(before).Should().BeTrue();
    }

    [Theory]
    [InlineData("", null, "Error: prompt is empty; describe the image to generate.")]
    [InlineData("x", "800x600", "Error: size must be 1024x1024, 1536x1024 or 1024x1536, not '800x600'.")]
    public async Task Generate_BadArguments_AreRefusedWithoutARequest(string prompt, string? size, string expected)
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt, file_path = "public/a.png", size });

        outcome.Text.Should().Be(expected);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Generate_NotAPng_IsRefusedAndNothingIsWritten()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F']);
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.Text.Should().Be("Error: the image generator answered with image/png data that is not a PNG; nothing was saved.");
        tools.Files.GetText("public/a.png").Should().BeNull();
        tools.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Generate_ImageOverTheCap_IsRefusedAndNothingIsWritten()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage([.. Png, .. new byte[4096]]);
        await using var tools = await HarnessAsync(server, o => o.ImageMaxBytes = 2048);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.Text.Should().Be($"Error: the generated image is {Png.Length + 4096} bytes, over the 2048 byte limit; nothing was saved.");
        tools.Files.GetText("public/a.png").Should().BeNull();
    }

    [Fact]
    public async Task Generate_Unauthorized_NamesTheSettingAndHidesTheKey()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.Enqueue(new FakeHttpFailure(401, Message: $"Incorrect API key provided: {Key}."));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.Text.Should().Be("Error: The OpenAI images endpoint answered HTTP 401 — check AppBuilder:Images:OpenAI:ApiKey. " +
            "It said: Incorrect API key provided: [redacted].");
        tools.Files.GetText("public/a.png").Should().BeNull();
    }

    [Fact]
    public async Task Generate_RateLimited_ReturnsAClearToolError()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.Enqueue(new FakeHttpFailure(429, Message: "Rate limit reached for images per minute."));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.Text.Should().Be("Error: The OpenAI images endpoint answered HTTP 429 — rate limited or out of quota. " +
            "It said: Rate limit reached for images per minute.");
    }

    [Theory]
    [InlineData("{\"created\":1,\"data\":[{\"b64_json\":")]
    [InlineData("{\"created\":1,\"data\":[]}")]
    [InlineData("{\"created\":1,\"data\":[{\"b64_json\":\"not base64!\"}]}")]
    public async Task Generate_MalformedAnswer_ReturnsAClearToolError(string body)
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.Enqueue(new FakeApiAnswer(200, body));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().StartWith("Error: The OpenAI images endpoint answered");
        tools.Files.GetText("public/a.png").Should().BeNull();
    }

    [Fact]
    public async Task Generate_SlowProvider_TimesOut()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        server.EnqueueImage(Png, delay: TimeSpan.FromSeconds(20));
        await using var tools = await HarnessAsync(server, o => o.ImageTimeout = TimeSpan.FromMilliseconds(400));

        var outcome = await tools.InvokeAsync("generate_image", new { prompt = "x", file_path = "public/a.png" });

        outcome.Text.Should().Be("Error: the image was not generated within 0.4 seconds.");
    }

    [Fact]
    public async Task Supervised_GenerateImage_WaitsForApproval()
    {
        await using var server = await FakeOpenAIImagesServer.StartAsync();
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await AgentHarness.CreateAsync(extra: b =>
        {
            b.Services.AddSingleton<IToolApprovalGate>(gate);
            b.AddOpenAIImageGeneration(o =>
            {
                o.ApiKey = Key;
                o.Endpoint = server.BaseUrl;
            });
        });
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", "generate_image", new { prompt = "x", file_path = "public/a.png" }),
            ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go", supervised: true);

        gate.Requests.Should().ContainSingle().Which.ToolName.Should().Be("generate_image");
        server.Requests.Should().BeEmpty();
        agent.Sandbox.FileSystem.GetText("public/a.png").Should().BeNull();
    }

    [Fact]
    public void AddOpenAIImageGeneration_OwnEndpointWithoutAKey_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddOpenAIImageGeneration(o => o.ApiKey = null);
        // Runs after the OPENAI_API_KEY fallback, so the test does not depend on the machine's environment.
        services.PostConfigure<OpenAIImageGenerationOptions>(o => o.ApiKey = null);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<OpenAIImageGenerationOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("AppBuilder:Images:OpenAI:ApiKey is required");
    }

    [Fact]
    public void AddOpenAIImageGeneration_CustomEndpointWithoutAKey_IsAccepted()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddOpenAIImageGeneration(o => o.Endpoint = new Uri("http://127.0.0.1:9/v1"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<OpenAIImageGenerationOptions>>().Value.ApiKey.Should().BeNull();
    }

    [Fact]
    public void AddOpenAIImageGeneration_RegistersAnImageGeneratorWithMetadata()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddOpenAIImageGeneration(o =>
        {
            o.ApiKey = "k";
            o.Endpoint = new Uri("http://127.0.0.1:9/v1");
            o.ModelId = "dall-e-3";
        });
        using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IImageGenerator>();

        generator.GetService<ImageGeneratorMetadata>()!.Should().Match<ImageGeneratorMetadata>(m =>
            m.ProviderName == "openai" && m.DefaultModelId == "dall-e-3");
    }
}
