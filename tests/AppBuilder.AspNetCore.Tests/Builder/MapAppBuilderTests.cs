using System.Net;
using System.Text.Json;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Builder;

public sealed class MapAppBuilderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "appbuilder-aspnet-" + Guid.NewGuid().ToString("N")[..8]);

    private WebApplicationBuilder CreateBuilder(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["AppBuilder:Storage:Root"] = Path.Combine(_root, "data");
        builder.Configuration["AppBuilder:Sandbox:Local:WorkRoot"] = Path.Combine(_root, "sandboxes");
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        return builder;
    }

    [Fact]
    public async Task MapAppBuilder_WithoutAddAppBuilder_ThrowsNamingTheFix()
    {
        var builder = CreateBuilder();
        await using var app = builder.Build();

        var map = () => app.MapAppBuilder();

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*Call services.AddAppBuilder(builder.Configuration) before app.MapAppBuilder()*");
    }

    [Fact]
    public async Task MapAppBuilder_WorkspacesWithAPreviewBasePath_ThrowsNamingTheSetting()
    {
        var builder = CreateBuilder();
        builder.Services.AddSingleton<ISandboxProvider>(new InMemorySandboxProvider());
        builder.Services.AddSingleton<IWorkspaceManager>(new AppBuilder.AspNetCore.Tests.TestHost.FakeWorkspaceManager());
        builder.Services.Configure<WorkspaceOptions>(o => o.PreviewBasePath = "/preview/{projectId}/");
        builder.Services.AddAppBuilder(builder.Configuration);
        await using var app = builder.Build();

        var map = () => app.MapAppBuilder("/appbuilder");

        map.Should().Throw<InvalidOperationException>().WithMessage("*'/preview/{projectId}/'*origin of its own*AppBuilder:Workspace:PreviewBasePath*");
    }

    [Fact]
    public async Task AddAppBuilder_Defaults_StartWithTheReplayModelAndAnonymousHealthUnderThePrefix()
    {
        var builder = CreateBuilder();
        builder.Services.AddAppBuilder(builder.Configuration);
        builder.Services.AddAuthentication();
        await using var app = builder.Build();
        app.MapAppBuilder("/appbuilder");
        await app.StartAsync();

        using var client = app.GetTestClient();
        var response = await client.GetAsync("/appbuilder/api/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetString().Should().Be("ok");
        json.RootElement.TryGetProperty("model", out _).Should().BeFalse("anonymous callers learn the status only");
        app.Services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!.ProviderName.Should().Be("replay");
        app.Services.GetRequiredService<ISandboxProvider>().Name.Should().Be("local");
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkspaceOptions>>().Value.PreviewBasePath
            .Should().Be("/", "each preview has an origin of its own, served from its root");
        await app.StopAsync();
    }

    [Fact]
    public async Task AddAppBuilder_InvalidOptions_FailsAtStart()
    {
        var builder = CreateBuilder(("AppBuilder:AspNetCore:MaxFileBytes", "0"));
        builder.Services.AddSingleton<ISandboxProvider>(new InMemorySandboxProvider());
        builder.Services.AddSingleton<IWorkspaceManager>(new AppBuilder.AspNetCore.Tests.TestHost.FakeWorkspaceManager());
        builder.Services.AddAppBuilder(builder.Configuration);
        builder.Services.AddAuthentication();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("MaxFileBytes");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
